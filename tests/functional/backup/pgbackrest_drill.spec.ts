import { test } from '@japa/runner'
import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import backupConfig from '#config/backup'
import { CustomerFactory } from '#database/factories/customer_factory'
import { archiveCommand } from '#services/backup/pgbackrest'
import { repositoryPassphrases } from '#services/backup/repository_passphrases'
import { ScratchClusters, migrateScratchDatabase, scratchDatabaseEnv } from '#tests/helpers/scratch_cluster'
import { type ArchivingPrimary, ace, archivingPrimary, filesContaining } from '#tests/helpers/backup_cluster'

/**
 * pgBackRest for real (docs/disaster-recovery.md): a scratch primary that
 * archives its WAL into two encrypted repositories (repo1, and repo2 for
 * the off-site copy) through the project's generated configuration, the
 * Strongroom schema and some money movements in it, backups taken with
 * `node ace backup:create`, then a deliberate bad change, and
 * `node ace backup:drill` recovering to just before it. Every command runs
 * in a process of its own, as an operator runs it.
 */
const DATABASE = 'strongroom_backup_scratch'
const SCRATCH = 'backup_test_scratch_primary'
const STANZA = 'strongroom'
/** A reference written into the ledger: plaintext the encrypted repositories must not contain */
const MARKER = `PLAINTEXT-MARKER-${randomUUID()}`

const drillJson = (output: string) => {
  const line = output.split('\n').find((l) => l.startsWith('DRILL '))
  if (!line) throw new Error(`no DRILL line in:\n${output}`)
  return JSON.parse(line.slice('DRILL '.length))
}

test.group('Backups: pgBackRest, WAL archiving and a point-in-time drill', (group) => {
  let clusters: ScratchClusters
  let primary: ArchivingPrimary
  let env: Record<string, string>
  let repo1: string
  let repo2: string
  let checkpoint: string
  /** Just before the bad change, and what the database held then */
  let beforeBadChange: Date
  let atT: { transactions: number; lastEventId: number; balance: string }
  let accounts: number[]

  async function sql(text: string, values: unknown[] = []) {
    const client = await primary.connect(DATABASE)
    try {
      return (await client.query(text, values)).rows
    } finally {
      await client.end()
    }
  }

  async function transfer(from: number, to: number, amount: number, reference: string) {
    const audit = { actor_type: 'system', actor_id: 'tests', ip: null, request_id: null, metadata: {} }
    const key = randomUUID()
    await sql(
      `select ledger_post_transfer('system:tests', $1, $2, $3, $4, null, $5, 'GBP', $6, null, $7::jsonb, null)`,
      [key, createHash('sha256').update(key).digest('hex'), from, to, amount, reference, JSON.stringify(audit)]
    )
  }

  async function deposit(account: number, amount: number, reference: string) {
    const audit = { actor_type: 'system', actor_id: 'tests', ip: null, request_id: null, metadata: {} }
    const key = randomUUID()
    await sql(
      `select ledger_post_cash('deposit', 'system:tests', $1, $2, $3, $4, 'GBP', $5, null, $6::jsonb)`,
      [key, createHash('sha256').update(key).digest('hex'), account, amount, reference, JSON.stringify(audit)]
    )
  }

  group.setup(async () => {
    clusters = await ScratchClusters.create()
    const cleanup = async () => {
      await db.manager.release(SCRATCH).catch(() => {})
      await primary?.stop().catch(() => {})
      await clusters.cleanup()
    }
    try {
      const work = join(clusters.dir, 'backup')
      await mkdir(work, { recursive: true })
      repo1 = join(clusters.dir, 'regions', 'uk', 'backups', 'pgbackrest')
      repo2 = join(clusters.dir, 'regions', 'uk', 'backups-offsite', 'pgbackrest')
      const configFile = join(work, 'pgbackrest.conf')
      const cipherFile = join(work, 'backup-cipher.json')
      /* The passphrases, generated and wrapped by the key provider, unwrapped for the server's environment */
      const passes = await repositoryPassphrases(cipherFile, STANZA, ['repo1', 'repo2'])
      const serverEnv = { PGBACKREST_REPO1_CIPHER_PASS: passes.repo1!, PGBACKREST_REPO2_CIPHER_PASS: passes.repo2! }
      const command = archiveCommand({ ...backupConfig, pgbackrest: { ...backupConfig.pgbackrest, configFile, stanza: STANZA } })
      primary = await archivingPrimary(clusters, command, serverEnv)
      const server = { port: primary.port } as any
      await migrateScratchDatabase(server, DATABASE)
      env = {
        ...scratchDatabaseEnv(server, DATABASE),
        BACKUP_METHOD: 'pgbackrest',
        BACKUP_CIPHER_FILE: cipherFile,
        BACKUP_DRILL_DIR: clusters.dir,
        BACKUP_REGION: '',
        RESIDENCY_REGIONS: 'uk,eu',
        RESIDENCY_HOME_REGION: 'uk',
        PGBACKREST_STANZA: STANZA,
        PGBACKREST_CONFIG: configFile,
        PGBACKREST_PG_PATH: primary.dataDir,
        PGBACKREST_PG_PORT: String(primary.port),
        PGBACKREST_PG_SOCKET_PATH: primary.socketDir,
        PGBACKREST_REPO1_PATH: repo1,
        PGBACKREST_REPO2_TYPE: 'posix',
        PGBACKREST_REPO2_PATH: repo2,
        /* no compression: the plaintext check below then proves the encryption, not the compression */
        PGBACKREST_COMPRESS_TYPE: 'none',
      }

      db.manager.add(SCRATCH, {
        client: 'pg',
        connection: { host: '127.0.0.1', port: primary.port, user: 'postgres', database: DATABASE },
        pool: { min: 0, max: 2 },
      })
      const customer = await CustomerFactory.apply('verified').with('accounts', 2).connection(SCRATCH).create()
      accounts = customer.accounts.map((account) => Number(account.id))
      await deposit(accounts[0], 500_000, MARKER)
      for (let i = 0; i < 5; i++) await transfer(accounts[0], accounts[1], 1_000 + i, `before-full-${i}`)

      const full = await ace(['backup:create', '--type=full'], env)
      if (full.exitCode !== 0) throw new Error(`backup:create --type=full failed:\n${full.output}`)

      for (let i = 0; i < 5; i++) await transfer(accounts[0], accounts[1], 2_000 + i, `after-full-${i}`)
      const sealed = await ace(['audit:checkpoint'], env)
      if (sealed.exitCode !== 0) throw new Error(`audit:checkpoint failed:\n${sealed.output}`)
      checkpoint = /Check it later: node ace audit:verify --checkpoint (\S+)/.exec(sealed.output)![1]
      const incr = await ace(['backup:create', '--type=incr'], env)
      if (incr.exitCode !== 0) throw new Error(`backup:create --type=incr failed:\n${incr.output}`)
      await transfer(accounts[0], accounts[1], 3_000, 'after-incr')

      /* T: just before the bad change; a legitimate transfer after T, then the bad change */
      await sleep(300)
      beforeBadChange = new Date((await sql('select clock_timestamp() as now'))[0].now)
      const [state] = await sql(
        `select (select count(*) from ledger_transactions)::int as transactions, (select max(id) from audit_events)::int as last_event_id,
                (select balance::text from accounts where id = $1) as balance`,
        [accounts[1]]
      )
      atT = { transactions: state.transactions, lastEventId: state.last_event_id, balance: state.balance }
      await sleep(300)
      await transfer(accounts[0], accounts[1], 4_000, 'after-T')
      /* The deliberate bad change: a superuser's wrong UPDATE of a balance, outside the ledger */
      await sql('update accounts set balance = balance + 100000000, available = available + 100000000 where id = $1', [accounts[1]])
    } catch (error) {
      await cleanup()
      throw error
    }
    return cleanup
  })
  group.each.timeout(120_000)

  test('the repositories are encrypted: pgBackRest reports the cipher, and no repository file holds the plaintext', async ({ assert }) => {
    const listed = await ace(['backup:list', '--json'], env)
    assert.equal(listed.exitCode, 0, listed.output)
    const listing = JSON.parse(listed.output.slice(listed.output.indexOf('{')))
    assert.deepEqual(listing.ciphers, { 1: 'aes-256-cbc', 2: 'aes-256-cbc' })
    /* repo2, the off-site copy, received the full and the incremental backup too */
    for (const repo of [1, 2]) {
      assert.deepEqual(
        listing.backups.filter((b: any) => b.repo === repo).map((b: any) => b.type),
        ['full', 'incr'],
        `repo${repo}`
      )
      assert.isNotNull(listing.archive.find((a: any) => a.repo === repo)?.max, `repo${repo} has archived WAL`)
    }

    /* The marker is in the live cluster's files (the check can find it), in none of the repositories' */
    assert.isAbove((await filesContaining(join(primary.dataDir, 'pg_wal'), MARKER)).length, 0)
    assert.deepEqual(await filesContaining(repo1, MARKER), [])
    assert.deepEqual(await filesContaining(repo2, MARKER), [])
    /* The passphrases are nowhere on disk in plaintext: the config has none, the cipher file only wrapped keys */
    const config = await readFile(env.PGBACKREST_CONFIG, 'utf8')
    assert.notInclude(config, 'cipher-pass')
    assert.include(config, 'repo1-cipher-type=aes-256-cbc')
    const passes = await repositoryPassphrases(env.BACKUP_CIPHER_FILE, STANZA, ['repo1', 'repo2'])
    const cipherFile = await readFile(env.BACKUP_CIPHER_FILE, 'utf8')
    assert.notInclude(cipherFile, passes.repo1!)
    assert.notInclude(cipherFile, passes.repo2!)
    assert.deepEqual(await filesContaining(clusters.dir, passes.repo1!), [])
  })

  test('a restore over the live cluster, or into an existing directory, is refused without the explicit flag', async ({ assert }) => {
    const overLive = await ace(['backup:restore', `--target=${primary.dataDir}`], env)
    assert.equal(overLive.exitCode, 1, overLive.output)
    assert.include(overLive.output, 'E_BACKUP_RESTORE_REFUSED')
    assert.include(overLive.output, '--force-overwrite-live')

    const existing = join(clusters.dir, 'not-empty')
    await mkdir(existing)
    await writeFile(join(existing, 'keep.txt'), 'mine')
    const overExisting = await ace(['backup:restore', `--target=${existing}`], env)
    assert.equal(overExisting.exitCode, 1, overExisting.output)
    assert.include(overExisting.output, 'E_BACKUP_RESTORE_REFUSED')
    assert.equal(await readFile(join(existing, 'keep.txt'), 'utf8'), 'mine')
    /* the live cluster still serves */
    assert.equal((await sql('select 1 as one'))[0].one, 1)
  })

  test('a backup into another region is refused and audited, and writes nothing', async ({ assert }) => {
    const before = (await sql(`select count(*)::int as n from audit_events where action = 'backup.residency.refused'`))[0].n
    const declared = await ace(['backup:create', '--type=full', '--region=eu'], env)
    assert.equal(declared.exitCode, 1, declared.output)
    assert.include(declared.output, 'E_BACKUP_OUTSIDE_REGION')

    /* a repository path under the other region's storage is refused the same way */
    const euRepo = join(app.makePath('storage/regions/eu/backups'), 'pgbackrest')
    const underEu = await ace(['backup:create', '--type=full'], { ...env, PGBACKREST_REPO2_PATH: euRepo })
    assert.equal(underEu.exitCode, 1, underEu.output)
    assert.include(underEu.output, 'E_BACKUP_OUTSIDE_REGION')

    const rows = await sql(
      `select metadata from audit_events where action = 'backup.residency.refused' order by id offset $1`,
      [before]
    )
    assert.lengthOf(rows, 2)
    assert.containsSubset(rows[0].metadata, { operation: 'backup', home_region: 'uk', requested_region: 'eu' })
    assert.containsSubset(rows[1].metadata, { requested_region: 'eu', location: euRepo })
    /* refused before pgBackRest ran: no backup was added to repo1 (full + incr from the setup) */
    const labels = (await readdir(join(repo1, 'backup', STANZA))).filter((name) => /^\d{8}-\d{6}F(_\d{8}-\d{6}[DI])?$/.test(name))
    assert.lengthOf(labels, 2)
  })

  test('backup:setup gives the server its passphrases only on a memory-backed file system', async ({ assert }) => {
    const onDisk = await ace(['backup:setup', `--server-env-file=${join(clusters.dir, 'pgbackrest.env')}`], env)
    assert.equal(onDisk.exitCode, 1, onDisk.output)
    assert.include(onDisk.output, 'E_BACKUP_SETUP_REFUSED')
    assert.isFalse(existsSync(join(clusters.dir, 'pgbackrest.env')))

    const file = join('/dev/shm', `strongroom-backup-test-${randomUUID()}`, 'pgbackrest.env')
    try {
      const setup = await ace(['backup:setup', `--server-env-file=${file}`], env)
      assert.equal(setup.exitCode, 0, setup.output)
      /* the archive_command the test cluster runs is the one the project prints */
      assert.include(setup.output, `archive_command = '${env.PGBACKREST_BIN ?? 'pgbackrest'} --config=${env.PGBACKREST_CONFIG} --stanza=${STANZA} archive-push %p'`)
      const passes = await repositoryPassphrases(env.BACKUP_CIPHER_FILE, STANZA, ['repo1', 'repo2'])
      assert.equal(
        await readFile(file, 'utf8'),
        `PGBACKREST_REPO1_CIPHER_PASS=${passes.repo1}\nPGBACKREST_REPO2_CIPHER_PASS=${passes.repo2}\n`
      )
      const info = await stat(file)
      assert.equal(info.mode & 0o777, 0o600)
      assert.equal(info.uid, (await stat(primary.dataDir)).uid)
    } finally {
      await rm(dirname(file), { recursive: true, force: true })
    }
  })

  test('the drill recovers to just before a bad change: the copy has the earlier state and verifies clean', async ({ assert }) => {
    const drill = await ace(['backup:drill', `--to=${beforeBadChange.toISOString()}`, `--checkpoint=${checkpoint}`], env)
    assert.equal(drill.exitCode, 0, drill.output)
    const report = drillJson(drill.output)
    assert.isTrue(report.ok)
    assert.deepEqual(report.checks, [
      { check: 'ledger:verify', ok: true },
      { check: 'audit:verify', ok: true },
    ])
    assert.equal(report.checkpoint, checkpoint)
    /* exactly the state at T: the transfer after T is not there, nothing before T is missing */
    assert.equal(report.recoveryPoint.transactions, atT.transactions)
    assert.equal(report.recoveryPoint.lastEventId, atT.lastEventId)
    assert.equal(report.rpoSeconds, 0)
    assert.isAbove(report.rtoSeconds, 0)
    assert.isBelow(report.rtoSeconds, 120)
    assert.match(drill.output, /RTO \d+\.\d s, RPO \d+\.\d s/)
    console.log(`      pgBackRest PITR drill: RTO ${report.rtoSeconds.toFixed(1)} s, RPO ${report.rpoSeconds} s, recovery point ${report.recoveryPoint.at}`)

    const [recorded] = await sql(`select succeeded, summary from batch_runs where command = 'backup:drill' order by id desc limit 1`)
    assert.isTrue(recorded.succeeded)
    assert.equal(recorded.summary.rpoSeconds, 0)
  })

  test('a drill of the latest state, from the off-site repository, fails on the bad change (exit 1)', async ({ assert }) => {
    const drill = await ace(['backup:drill', '--repo=2', '--skip-checkpoint'], env)
    assert.equal(drill.exitCode, 1, drill.output)
    const report = drillJson(drill.output)
    assert.isFalse(report.ok)
    assert.deepEqual(report.checks, [
      { check: 'ledger:verify', ok: false },
      { check: 'audit:verify', ok: true },
    ])
    /* everything committed is in the copy: the transfer after T too */
    assert.equal(report.recoveryPoint.transactions, atT.transactions + 1)
    assert.equal(report.rpoSeconds, 0)
    console.log(`      pgBackRest latest drill (repo2): RTO ${report.rtoSeconds.toFixed(1)} s, RPO ${report.rpoSeconds} s`)
  })
})
