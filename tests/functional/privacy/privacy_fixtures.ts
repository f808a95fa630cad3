import { execFile, spawn } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { randomInt, randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { AccountFactory } from '#database/factories/account_factory'
import type Account from '#models/account'
import type StaffUser from '#models/staff_user'
import { fundAccount } from '#tests/helpers/ledger'
import { PDF_BYTES } from '#tests/helpers/customers'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { keyProvider } from '#services/keys/key_providers'
import { databaseLocation } from '#config/database'
import { postgresUrl } from '#tests/helpers/haproxy'
import { dumpContext } from '#services/backup/encrypted_dumps'
import { DecryptStream } from '#services/backup/encrypted_stream'

/**
 * Privacy tests: a customer whose every personal value is unique to the
 * test (so a search of the whole database or a backup for it finds only
 * this customer's data), created the way staff create customers (the
 * backoffice form), with an account, a deposit, a KYC document and an API
 * token, so every module that writes about a customer has done so.
 */
export interface PersonalValues {
  fullName: string
  /** the unique part of the name: what the searches look for */
  nameTag: string
  email: string
  phone: string
  nationalId: string
  addressLine1: string
}

export function uniquePerson(): PersonalValues {
  const tag = randomUUID().replaceAll('-', '').slice(0, 12)
  const nameTag = `Zebedee${tag}`
  return {
    fullName: `${nameTag} Quillfeather`,
    nameTag,
    email: `zq.${tag}@privacy.test`,
    phone: `+44 7700 9${String(randomInt(0, 99999)).padStart(5, '0')}`,
    nationalId: `NI${tag.toUpperCase()}`,
    addressLine1: `${tag} Privet Lane`,
  }
}

export async function signedInAgent(client: ApiClient, role: StaffUser['role']) {
  await resetLoginThrottle()
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(staff.email, secret)).assertStatus(302)
  return { agent, staff }
}

/** A customer created through the backoffice form by a teller, with an account funded by one deposit */
export async function personalCustomer(client: ApiClient, options: { deposit?: string; document?: boolean; token?: boolean } = {}) {
  const person = uniquePerson()
  const { agent: teller } = await signedInAgent(client, 'teller')
  const created = await teller.post('/backoffice/customers', {
    fullName: person.fullName,
    email: person.email,
    phone: person.phone,
    dateOfBirth: '1981-02-03',
    nationalId: person.nationalId,
    addressLine1: person.addressLine1,
    city: 'Leeds',
    postcode: 'LS1 4AP',
    country: 'GB',
  })
  created.assertStatus(302)
  const flash = await teller.flashAfter(created)
  if (flash.error) throw new Error(flash.error)
  const customerId = Number(created.header('location')!.split('/').pop())
  const account: Account = await AccountFactory.merge({ customerId }).create()
  if (options.deposit !== undefined) await fundAccount(account, options.deposit)
  if (options.document) {
    const upload = await teller.upload(
      `/backoffice/customers/${customerId}/documents`,
      { type: 'passport' },
      { field: 'file', name: `${person.nameTag}-passport.pdf`, content: PDF_BYTES, contentType: 'application/pdf' }
    )
    upload.assertStatus(302)
  }
  let token: string | null = null
  if (options.token) {
    const Customer = (await import('#models/customer')).default
    const customer = await Customer.findOrFail(customerId)
    token = (await Customer.accessTokens.create(customer, ['*'], { name: 'privacy test' })).value!.release()
  }
  const row = await db.from('customers').where('id', customerId).select('customer_number', 'residency_region').firstOrFail()
  return { person, customerId, customerNumber: row.customer_number as string, region: row.residency_region as string, account, token }
}

/** Ends the relationship: every account of the customer closed at `closedAt` */
export async function closeAccounts(customerId: number, closedAt: Date) {
  await db.from('accounts').where('customer_id', customerId).update({ status: 'closed', closed_at: closedAt })
}

export const yearsAgo = (years: number, days = 0) => {
  const date = new Date()
  date.setUTCFullYear(date.getUTCFullYear() - years)
  date.setUTCDate(date.getUTCDate() - days)
  return date
}

/** `node ace <args>` as a child process (the test's environment): exit code, stdout, stderr */
export async function ace(...args: string[]) {
  return aceWith({}, ...args)
}

export async function aceWith(env: Record<string, string>, ...args: string[]) {
  return promisify(execFile)(process.execPath, ['ace', ...args], {
    cwd: app.appRoot.pathname,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error) => ({ code: error.code as number, stdout: String(error.stdout), stderr: String(error.stderr) }))
}

/**
 * Every place in the database (all schemas but the catalogs: public, the
 * job queue's) where one of `needles` appears: table.column per needle.
 * Text-like columns are matched case-insensitively as text (jsonb, arrays
 * and inet by their text form), bytea columns by their bytes.
 */
export async function databaseMatches(needles: string[]): Promise<Record<string, string[]>> {
  const { rows: columns } = await db.rawQuery(`
    select c.table_schema, c.table_name, c.column_name, c.data_type
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema not in ('pg_catalog', 'information_schema') and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY', 'USER-DEFINED')`)
  const found: Record<string, string[]> = {}
  for (const needle of needles) {
    for (const column of columns) {
      const target = `"${column.table_schema}"."${column.table_name}"`
      const col = `"${column.column_name}"`
      const condition =
        column.data_type === 'bytea'
          ? `position(convert_to(?, 'UTF8') in ${col}) > 0`
          : `${col}::text ilike '%' || ? || '%'`
      const { rows } = await db.rawQuery(`select 1 from ${target} where ${condition} limit 1`, [needle])
      if (rows.length > 0) (found[needle] ??= []).push(`${column.table_schema}.${column.table_name}.${column.column_name}`)
    }
  }
  return found
}

/** A plain-text SQL dump of the whole test database (pg_dump, data only), as a backup would hold it */
export async function plainDump(): Promise<string> {
  /* the owner sees every table; the embedded PostgreSQL is named the same way as a configured one */
  const url = postgresUrl(databaseLocation.owner)
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', ['--data-only', '--no-owner', url], { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    let errors = ''
    child.stdout.on('data', (chunk) => chunks.push(chunk))
    child.stderr.on('data', (chunk) => (errors += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`pg_dump: ${errors}`))))
  })
}

/**
 * A fresh backup as `node ace backup:create` takes it with the dump method
 * (BACKUP_METHOD=dump: pg_dump -Fc encrypted under a per-backup data key),
 * decrypted with that key (unwrapped by the key provider) and turned back
 * into SQL text by pg_restore: what anyone holding the backup and its key
 * could read.
 */
export async function freshBackupText(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'privacy-backup-'))
  try {
    const run = await aceWith(
      { BACKUP_METHOD: 'dump', BACKUP_DUMP_PATH: join(dir, 'local'), BACKUP_DUMP_OFFSITE_PATH: join(dir, 'offsite'), BACKUP_DUMP_COMPRESSION: '0' },
      'backup:create'
    )
    if (run.code !== 0) throw new Error(`backup:create failed: ${run.stdout}${run.stderr}`)
    const [manifestFile] = (await readdir(join(dir, 'local'))).filter((name) => name.endsWith('.manifest.json'))
    const manifest = JSON.parse(await readFile(join(dir, 'local', manifestFile), 'utf8'))
    const provider = await keyProvider()
    const key = await provider.unwrap(
      { provider: manifest.key.provider, masterKeyId: manifest.key.masterKeyId, wrapped: Buffer.from(manifest.key.wrapped, 'base64') },
      dumpContext(manifest.id)
    )
    const restore = spawn('pg_restore', ['-f', '-'], { stdio: ['pipe', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    restore.stdout.on('data', (chunk) => chunks.push(chunk))
    const exited = new Promise<number>((resolve) => restore.on('close', resolve))
    await pipeline(createReadStream(join(dir, 'local', manifest.file)), new DecryptStream(key, manifest.id), restore.stdin)
    if ((await exited) !== 0) throw new Error('pg_restore could not read the decrypted dump')
    return Buffer.concat(chunks).toString('utf8')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
