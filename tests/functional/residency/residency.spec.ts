import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, copyFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import Customer from '#models/customer'
import { NO_REQUEST } from '#domain/audit/actor'
import { auditFor, auditRows } from '#tests/helpers/audit'
import { refusalOn, resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { PDF_BYTES, plainCustomer } from '#tests/helpers/customers'
import { loanRow, submittedApplication } from '#tests/helpers/loan_review'
import { loanDocumentKey } from '#domain/loans/loan_documents'
import { explicitResidencyEnv, regionStorage } from '#services/residency/regions'
import { regionDisk, storeCustomerFile } from '#services/residency/region_drive'
import { productionEnv } from '#tests/helpers/haproxy'

/**
 * Data residency with two local regions, uk and eu, each with its storage
 * under a temporary root (RESIDENCY_STORAGE_ROOT, read on use): KYC files
 * land on the customer's region disk only, a write to another region is
 * refused and audited, a customer's region is chosen at creation and never
 * changed, and `node ace residency:report` finds a planted misplaced file.
 */
const FOLDERS = { FILES: 'files', BACKUPS: 'backups', BACKUPS_OFFSITE: 'backups-offsite', EXPORTS: 'exports' }
const PATH_VARIABLES = ['uk', 'eu'].flatMap((region) =>
  Object.entries(FOLDERS).map(([kind, folder]) => ({ name: `RESIDENCY_${region.toUpperCase()}_${kind}`, region, folder }))
)
const VARIABLES = ['RESIDENCY_REGIONS', 'RESIDENCY_HOME_REGION', 'RESIDENCY_DEFAULT_REGION', 'RESIDENCY_STORAGE_ROOT', ...PATH_VARIABLES.map((v) => v.name)]
let root: string

async function customerIn(region: 'uk' | 'eu') {
  const { customerId, tag } = await plainCustomer()
  await db.from('customers').where('id', customerId).update({ residency_region: region })
  return { customerId, tag }
}

async function uploadKyc(client: any, customerId: number) {
  const { agent, staff } = await signedIn(client, 'teller')
  await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
  const upload = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, {
    field: 'file', name: 'passport.pdf', content: PDF_BYTES, contentType: 'application/pdf',
  })
  upload.assertStatus(302)
  const customer = await Customer.findOrFail(customerId)
  return { agent, staff, document: customer.kycDocuments.at(-1)! }
}

const filesRoot = (region: string) => regionStorage(region).files

async function residencyReport() {
  const run = promisify(execFile)
  return run(process.execPath, ['ace', 'residency:report', '--json'], { cwd: app.appRoot.pathname, env: process.env, timeout: 60_000 }).then(
    ({ stdout }) => ({ code: 0, report: JSON.parse(stdout) }),
    (error) => ({ code: error.code as number, report: JSON.parse(error.stdout) })
  )
}

test.group('Data residency: two regions', (group) => {
  const saved: Record<string, string | undefined> = {}
  group.setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'strongroom-residency-'))
    for (const name of VARIABLES) saved[name] = process.env[name]
    env.set('RESIDENCY_REGIONS', 'uk,eu')
    env.set('RESIDENCY_HOME_REGION', 'uk')
    env.set('RESIDENCY_DEFAULT_REGION', 'uk')
    env.set('RESIDENCY_STORAGE_ROOT', root)
    /* each path named too, as production does (and overriding any the environment sets) */
    for (const { name, region, folder } of PATH_VARIABLES) env.set(name as 'RESIDENCY_REGIONS', join(root, region, folder))
    return async () => {
      for (const name of VARIABLES) {
        env.set(name as 'RESIDENCY_REGIONS', saved[name] as string)
        if (saved[name] === undefined) delete process.env[name]
      }
      await rm(root, { recursive: true, force: true })
    }
  })
  group.each.setup(() => resetLoginThrottle())

  test("a uk customer's KYC upload lands under the uk files root, an eu customer's under eu", async ({ client, assert }) => {
    assert.equal(filesRoot('uk'), join(root, 'uk', 'files'))
    const uk = await customerIn('uk')
    const eu = await customerIn('eu')

    const { agent, document: ukDocument } = await uploadKyc(client, uk.customerId)
    assert.isTrue(existsSync(join(root, 'uk', 'files', ukDocument.key)), 'on the uk disk')
    assert.isFalse(existsSync(join(root, 'eu', 'files', ukDocument.key)), 'not on the eu disk')
    assert.isFalse(await drive.use('fs').exists(ukDocument.key), 'not on the legacy disk')

    const { document: euDocument } = await uploadKyc(client, eu.customerId)
    assert.isTrue(existsSync(join(root, 'eu', 'files', euDocument.key)), 'on the eu disk')
    assert.isFalse(existsSync(join(root, 'uk', 'files', euDocument.key)), 'not on the uk disk')

    const download = await agent.get(`/backoffice/customers/${eu.customerId}/documents/${euDocument.id}`)
    download.assertStatus(200)
    assert.isTrue(Buffer.from(download.body()).equals(PDF_BYTES), 'read back from the eu disk')
  })

  test("a loan document goes to the borrower's region disk and is read back from it", async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    await db.from('customers').where('id', loan.customerId).update({ residency_region: 'eu' })
    const { agent } = await signedIn(client, 'admin')
    await agent.get(`/backoffice/loans/${loan.id}`, { inertia: true })
    const response = await agent.upload(`/backoffice/loans/${loan.id}/documents`, {}, {
      field: 'file', name: 'payslip.pdf', content: PDF_BYTES, contentType: 'application/pdf',
    })
    response.assertStatus(302)
    const [document] = (await loanRow(loan.id)).documents
    const key = loanDocumentKey(loan.id, document.id)
    assert.isTrue(existsSync(join(root, 'eu', 'files', key)), 'on the eu disk')
    assert.isFalse(existsSync(join(root, 'uk', 'files', key)), 'not on the uk disk')
    const download = await agent.get(`/backoffice/loans/${loan.id}/documents/${document.id}`)
    download.assertStatus(200)
    assert.isTrue(Buffer.from(download.body()).equals(PDF_BYTES))
  })

  test('a document stored before regions (legacy "fs" disk) is still served', async ({ client, assert }) => {
    const { customerId } = await customerIn('eu')
    const key = `kyc/${randomUUID()}`
    const id = randomUUID()
    await drive.use('fs').put(key, PDF_BYTES)
    try {
      const customer = await Customer.findOrFail(customerId)
      customer.kycDocuments = [
        { id, type: 'passport', originalName: 'old.pdf', size: PDF_BYTES.length, mime: 'application/pdf', sha256: '0'.repeat(64), uploadedBy: 1, uploadedAt: new Date().toISOString(), key },
      ]
      await customer.save()
      const { agent } = await signedIn(client, 'teller')
      const download = await agent.get(`/backoffice/customers/${customerId}/documents/${id}`)
      download.assertStatus(200)
      assert.isTrue(Buffer.from(download.body()).equals(PDF_BYTES))
    } finally {
      await drive.use('fs').delete(key)
    }
  })

  test("writing an eu customer's file to the uk disk is refused (E_RESIDENCY_VIOLATION) and audited", async ({ assert }) => {
    const { customerId } = await customerIn('eu')
    const key = `kyc/${randomUUID()}`
    const attempt = storeCustomerFile({
      customerId, customerRegion: 'eu', targetRegion: 'uk', key, contents: PDF_BYTES,
      actor: { type: 'system' }, context: NO_REQUEST,
    })
    const error = await attempt.then(() => null, (e) => e)
    assert.equal(error?.code, 'E_RESIDENCY_VIOLATION')
    assert.equal(error?.status, 409)
    assert.isFalse(await regionDisk('uk').exists(key), 'nothing written to uk')
    assert.isFalse(await regionDisk('eu').exists(key))
    const [refused] = await auditFor('residency.refused', customerId)
    assert.containsSubset(refused, { action: 'residency.refused', subject_type: 'customer', actor_type: 'system' })
    assert.containsSubset(refused.metadata, { operation: 'customer.file.write', customerRegion: 'eu', targetRegion: 'uk', key })

    /* the customer's own region is accepted */
    await storeCustomerFile({ customerId, customerRegion: 'eu', key, contents: PDF_BYTES, actor: { type: 'system' }, context: NO_REQUEST })
    assert.isTrue(await regionDisk('eu').exists(key))
    await regionDisk('eu').delete(key)
  })

  test('a customer of a region not configured here gets no file anywhere', async ({ assert }) => {
    const { customerId } = await customerIn('uk')
    const error = await storeCustomerFile({
      customerId, customerRegion: 'us', key: `kyc/${randomUUID()}`, contents: PDF_BYTES, actor: { type: 'system' }, context: NO_REQUEST,
    }).then(() => null, (e) => e)
    assert.equal(error?.code, 'E_RESIDENCY_VIOLATION')
    const [refused] = await auditFor('residency.refused', customerId)
    assert.containsSubset(refused.metadata, { customerRegion: 'us', reason: 'region not configured' })
  })

  test('the backoffice form creates a customer in the chosen region (default RESIDENCY_DEFAULT_REGION); an unknown region is refused', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'teller')
    const form = await agent.get('/backoffice/customers/create', { inertia: true })
    assert.deepEqual(form.inertiaProps.regions, { codes: ['uk', 'eu'], default: 'uk' })

    const tag = randomUUID().slice(0, 8)
    ;(await agent.post('/backoffice/customers', { fullName: `Eu ${tag}`, email: `eu-${tag}@example.test`, residencyRegion: 'eu' })).assertStatus(302)
    ;(await agent.post('/backoffice/customers', { fullName: `Uk ${tag}`, email: `uk-${tag}@example.test` })).assertStatus(302)
    const created = await Customer.query().whereIn('id', (await auditRows('customer.created', staff.id)).map((row) => Number(row.subject_id)))
    assert.sameDeepMembers(
      created.map((customer) => [customer.fullName, customer.residencyRegion]),
      [[`Eu ${tag}`, 'eu'], [`Uk ${tag}`, 'uk']]
    )
    assert.sameMembers((await auditRows('customer.created', staff.id)).map((row) => row.metadata.residencyRegion), ['eu', 'uk'])

    await agent.post('/backoffice/customers', { fullName: `Us ${tag}`, email: `us-${tag}@example.test`, residencyRegion: 'us' })
    const refusal = await refusalOn(agent, '/backoffice/customers/create')
    assert.property(refusal.errors, 'residencyRegion')
  })

  test("changing a customer's region is refused and audited; the region stays", async ({ client, assert }) => {
    const { customerId, tag } = await customerIn('uk')
    const { agent, staff } = await signedIn(client, 'admin')
    const edit = await agent.get(`/backoffice/customers/${customerId}/edit`, { inertia: true })
    assert.equal(edit.inertiaProps.customer.residencyRegion, 'uk')
    const response = await agent.post(`/backoffice/customers/${customerId}`, {
      fullName: `Grace ${tag} Hopper`, email: `grace-${tag}@example.test`, residencyRegion: 'eu',
    })
    response.assertStatus(302)
    const refusal = await refusalOn(agent, `/backoffice/customers/${customerId}`)
    assert.match(refusal.flash.error!, /residency region/)
    assert.equal((await db.from('customers').where('id', customerId).firstOrFail()).residency_region, 'uk')
    const [refused] = await auditRows('residency.refused', staff.id)
    assert.containsSubset(refused.metadata, { operation: 'customer.region.change', customerRegion: 'uk', targetRegion: 'eu' })
    assert.lengthOf(await auditFor('customer.updated', customerId), 0, 'nothing else changed')

    /* the same region is no change */
    const same = await agent.post(`/backoffice/customers/${customerId}`, {
      fullName: `Grace ${tag} Hopper`, email: `grace-${tag}@example.test`, residencyRegion: 'uk',
    })
    same.assertHeader('location', `/backoffice/customers/${customerId}`)
  })

  test('residency:report lists both regions and exits 0; a planted misplaced file makes it exit 1', async ({ client, assert }) => {
    const uk = await customerIn('uk')
    await customerIn('eu')
    const { document } = await uploadKyc(client, uk.customerId)

    const clean = await residencyReport()
    assert.equal(clean.code, 0, JSON.stringify(clean.report.anomalies))
    const { rows } = await db.rawQuery('select residency_region as region, count(*)::int as n from customers group by 1')
    const counts = Object.fromEntries(rows.map((row: any) => [row.region, row.n]))
    assert.deepEqual(clean.report.regions.map((r: any) => r.region), ['uk', 'eu'])
    const [ukReport, euReport] = clean.report.regions
    assert.containsSubset(ukReport, { home: true, default: true, customers: counts.uk, files: { path: join(root, 'uk', 'files') } })
    assert.containsSubset(euReport, { home: false, customers: counts.eu, files: { path: join(root, 'eu', 'files') } })
    assert.isAtLeast(ukReport.files.files, 1)
    const { rows: keys } = await db.rawQuery(
      "select k.master_key_id, count(*)::int as n from customer_data_keys k join customers c on c.id = k.customer_id where c.residency_region = 'uk' and k.wrapped_key is not null group by 1"
    )
    assert.sameDeepMembers(ukReport.masterKeys.map((k: any) => [k.masterKeyId, k.customers]), keys.map((k: any) => [k.master_key_id, k.n]))
    assert.isNotEmpty(ukReport.masterKeys, 'the uk customers have data keys')
    assert.equal(ukReport.backups.repo1.path, join(root, 'uk', 'backups'))
    assert.equal(euReport.backups.repo2.path, join(root, 'eu', 'backups-offsite'))
    assert.equal(euReport.exports.path, join(root, 'eu', 'exports'))
    assert.deepEqual(clean.report.anomalies, [])

    const planted = join(root, 'eu', 'files', document.key)
    await mkdir(dirname(planted), { recursive: true })
    await copyFile(join(root, 'uk', 'files', document.key), planted)
    try {
      const dirty = await residencyReport()
      assert.equal(dirty.code, 1)
      assert.deepEqual(dirty.report.anomalies, [
        { kind: 'misplaced_file', diskRegion: 'eu', key: document.key, customerId: uk.customerId, customerRegion: 'uk' },
      ])
    } finally {
      await rm(planted)
    }

    /* customers of a region this installation has no storage for */
    const stray = await customerIn('uk')
    await db.from('customers').where('id', stray.customerId).update({ residency_region: 'ch' })
    try {
      const unconfigured = await residencyReport()
      assert.equal(unconfigured.code, 1)
      assert.deepEqual(unconfigured.report.anomalies, [{ kind: 'unconfigured_region', region: 'ch', customers: 1 }])
    } finally {
      await db.from('customers').where('id', stray.customerId).update({ residency_region: 'uk' })
    }
  }).timeout(180_000)
})

test.group('Data residency: production boot', () => {
  /** `node ace residency:report` in production with the test environment, without any RESIDENCY_* but `residency` */
  async function bootInProduction(residency: Record<string, string>) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RESIDENCY_')))
    return promisify(execFile)(process.execPath, ['ace', 'residency:report'], {
      cwd: app.appRoot.pathname,
      /* production refuses the embedded PostgreSQL: the test database is named (DATABASE_URL), as production names one */
      env: { ...inherited, NODE_ENV: 'production', DATABASE_URL: productionEnv().DATABASE_URL, ...residency },
      timeout: 60_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
      (error) => ({ code: error.code as number, output: `${error.stdout}${error.stderr}` })
    )
  }

  test('production refuses to start without the region list or with a path left unset, and starts with every path named', async ({ assert }) => {
    const none = await bootInProduction({})
    assert.notEqual(none.code, 0)
    assert.include(none.output, 'RESIDENCY_REGIONS must be set in production')

    const partial = await bootInProduction({
      RESIDENCY_REGIONS: 'uk',
      RESIDENCY_STORAGE_ROOT: '/srv/regions',
      RESIDENCY_UK_FILES: '/srv/uk/files',
      RESIDENCY_UK_BACKUPS: '/srv/uk/backups',
      RESIDENCY_UK_EXPORTS: '/srv/uk/exports',
    })
    assert.notEqual(partial.code, 0)
    assert.include(partial.output, 'RESIDENCY_UK_BACKUPS_OFFSITE must be set in production')

    /* the test process's settings, named one by one, pass the check (the command then runs) */
    const explicit = await bootInProduction(explicitResidencyEnv())
    assert.notInclude(explicit.output, 'Data residency configuration')
    assert.match(explicit.output, /Residency: (2 regions, no data outside its region|\d+ anomalies)/)
  }).timeout(120_000)
})
