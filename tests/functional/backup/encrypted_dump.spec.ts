import { test } from '@japa/runner'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, open, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import pg from 'pg'
import PostDeposit from '#actions/ledger/post_deposit'
import { Money } from '#domain/money/money'
import { FIXTURE_ACTOR } from '#database/factories/account_factory'
import { databaseLocation } from '#config/database'
import { createCustomer, openAccount } from '#tests/helpers/ledger'
import { ace, filesContaining } from '#tests/helpers/backup_cluster'

/**
 * The `dump` method (the embedded development database): pg_dump -Fc
 * encrypted with a per-backup data key from the key provider. Run through
 * the commands, on the suite's own database: create → list → restore into
 * a new database (equal data) → drill; the dump holds no plaintext, a
 * tampered dump does not decrypt (and creates nothing), and the live
 * database is not restored over without the explicit flag.
 */
const MARKER = `PLAINTEXT-MARKER-${randomUUID()}`
const suffix = randomBytes(3).toString('hex')
const RESTORED = `${databaseLocation.database}_restored_${suffix}`.slice(0, 63)
const TAMPERED = `${databaseLocation.database}_tampered_${suffix}`.slice(0, 63)

const owner = (database: string) =>
  new pg.Client({ ...databaseLocation.owner, database, connectionTimeoutMillis: 5000 })

async function query(database: string, sql: string, values: unknown[] = []) {
  const client = owner(database)
  await client.connect()
  try {
    return (await client.query(sql, values)).rows
  } finally {
    await client.end()
  }
}

/** count + md5 of every public table; the rows the backup commands write about themselves left out */
async function fingerprint(database: string) {
  const tables = await query(
    database,
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`
  )
  const prints: Record<string, string> = {}
  for (const { table_name: table } of tables) {
    if (table === 'batch_runs') continue
    const filter = table === 'audit_events' ? `where t.action not like 'backup.%'` : ''
    const [row] = await query(
      database,
      `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as print from "${table}" t ${filter}`
    )
    prints[table] = row.print
  }
  return prints
}

test.group('Backups: encrypted dumps (the embedded database method)', (group) => {
  let dir: string
  let env: Record<string, string>

  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strongroom-dumps-'))
    env = {
      BACKUP_METHOD: 'dump',
      BACKUP_DUMP_PATH: join(dir, 'uk'),
      BACKUP_DUMP_OFFSITE_PATH: join(dir, 'uk-offsite'),
      /* uncompressed: the plaintext check proves the encryption, not the compression */
      BACKUP_DUMP_COMPRESSION: '0',
      RESIDENCY_REGIONS: 'uk,eu',
      RESIDENCY_HOME_REGION: 'uk',
    }
    const account = await openAccount(await createCustomer())
    await (await app.container.make(PostDeposit)).handle({
      accountId: account.id,
      amount: Money.fromDecimal('123.45', account.currency),
      idempotencyKey: randomUUID(),
      reference: MARKER,
      actor: FIXTURE_ACTOR,
    })
    return async () => {
      for (const database of [RESTORED, TAMPERED]) {
        await query('postgres', `drop database if exists "${database}" with (force)`).catch(() => {})
      }
      await rm(dir, { recursive: true, force: true })
    }
  })
  group.each.timeout(120_000)

  test('create, list, restore into a new database: the same data, and no plaintext in the dump', async ({ assert }) => {
    const created = await ace(['backup:create'], env)
    assert.equal(created.exitCode, 0, created.output)
    const listed = await ace(['backup:list', '--json'], env)
    assert.equal(listed.exitCode, 0, listed.output)
    const listing = JSON.parse(listed.output.slice(listed.output.indexOf('{')))
    assert.equal(listing.method, 'dump')
    /* the dump and its off-site copy */
    assert.deepEqual(listing.backups.map((b: any) => b.repo), [1, 2])
    const id = listing.backups[0].id

    const files = await readdir(env.BACKUP_DUMP_PATH)
    assert.sameMembers(files, [`${id}.dump.enc`, `${id}.manifest.json`])
    const manifest = JSON.parse(await readFile(join(env.BACKUP_DUMP_PATH, `${id}.manifest.json`), 'utf8'))
    assert.containsSubset(manifest, { format: 'strongroom-dump/v1', id, region: 'uk' })
    assert.isString(manifest.key.wrapped)
    assert.deepEqual(await filesContaining(dir, MARKER), [])

    const restored = await ace(['backup:restore', `--target=${RESTORED}`], env)
    assert.equal(restored.exitCode, 0, restored.output)
    /* the control: the restored database has the marker the dump file did not show */
    const [row] = await query(RESTORED, 'select count(*)::int as n from ledger_transactions where reference = $1', [MARKER])
    assert.equal(row.n, 1)
    assert.deepEqual(await fingerprint(RESTORED), await fingerprint(databaseLocation.database))
  })

  test('a tampered dump fails to decrypt and creates no database', async ({ assert }) => {
    const [manifestName] = (await readdir(env.BACKUP_DUMP_PATH)).filter((name) => name.endsWith('.manifest.json'))
    const file = join(env.BACKUP_DUMP_PATH, manifestName.replace('.manifest.json', '.dump.enc'))
    const handle = await open(file, 'r+')
    try {
      const byte = Buffer.alloc(1)
      await handle.read(byte, 0, 1, 100)
      byte[0] ^= 0x01
      await handle.write(byte, 0, 1, 100)
    } finally {
      await handle.close()
    }
    const restore = await ace(['backup:restore', `--target=${TAMPERED}`], env)
    assert.equal(restore.exitCode, 1, restore.output)
    assert.include(restore.output, 'E_BACKUP_FAILED')
    assert.include(restore.output, 'does not authenticate')
    assert.lengthOf(await query('postgres', 'select 1 from pg_database where datname = $1', [TAMPERED]), 0)
  })

  test('the live database is not restored over without --force-overwrite-live', async ({ assert }) => {
    const before = await fingerprint(databaseLocation.database)
    /* from the untouched off-site copy */
    const restore = await ace(['backup:restore', `--target=${databaseLocation.database}`, '--repo=2'], env)
    assert.equal(restore.exitCode, 1, restore.output)
    assert.include(restore.output, 'E_BACKUP_RESTORE_REFUSED')
    assert.deepEqual(await fingerprint(databaseLocation.database), before)
  })

  test('a drill restores the off-site copy into a scratch database, verifies it and removes it', async ({ assert }) => {
    const drill = await ace(['backup:drill', '--repo=2', '--skip-checkpoint'], env)
    assert.equal(drill.exitCode, 0, drill.output)
    const report = JSON.parse(drill.output.split('\n').find((line) => line.startsWith('DRILL '))!.slice(6))
    assert.containsSubset(report, { ok: true, method: 'dump', targetIsLatest: true })
    assert.isAtLeast(report.recoveryPoint.transactions, 1)
    console.log(`      dump drill: RTO ${report.rtoSeconds.toFixed(1)} s, RPO ${report.rpoSeconds.toFixed(1)} s`)
    const left = await query('postgres', `select datname from pg_database where datname like $1`, [`${databaseLocation.database}_drill_%`])
    assert.lengthOf(left, 0)
  })
})
