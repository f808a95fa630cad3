import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { isInside, readSealedExport } from '#services/privacy/customer_export_store'
import { regionCodes, regionStorage } from '#services/residency/regions'
import { ace, personalCustomer, signedInAgent } from '#tests/functional/privacy/privacy_fixtures'

const SECTIONS = [
  'customer', 'accounts', 'ledgerEntries', 'holds', 'paymentLimits', 'payees', 'paymentAuthorisations', 'paymentsHeldForReview',
  'loans', 'openBankingConsents', 'notifications', 'notificationPreferences', 'devices', 'accessTokens', 'auditEvents',
  'erasureRequests', 'withheld',
]

test.group('Customer data export (access request)', () => {
  test('customers:export seals the export in the region: the raw file holds no name; opened, every section with decrypted values', async ({ client, assert }) => {
    const { person, customerId, customerNumber, region, account } = await personalCustomer(client, { deposit: '12.34', token: true })
    const run = await ace('customers:export', `--customer=${customerNumber}`)
    assert.equal(run.code, 0, run.stdout + run.stderr)
    const path = run.stdout.match(/: (\/\S+\.json\.sealed)/)?.[1]
    assert.isString(path, run.stdout)
    assert.isTrue(isInside(regionStorage(region).exports, path!), `${path} is not in ${region}'s export directory`)

    const raw = await readFile(path!)
    for (const value of [person.nameTag, person.email, person.phone, person.nationalId, person.addressLine1]) {
      assert.equal(raw.indexOf(value), -1, `the sealed file holds ${value}`)
    }
    const exportId = path!.split('/').pop()!.replace('.json.sealed', '')
    const document = JSON.parse(await readSealedExport(region, customerId, exportId))
    assert.includeMembers(Object.keys(document), SECTIONS)
    assert.deepInclude(document.customer.personalData, {
      fullName: person.fullName,
      email: person.email,
      phone: person.phone,
      nationalId: person.nationalId,
      dateOfBirth: '1981-02-03',
    })
    assert.equal(document.customer.personalData.address.line1, person.addressLine1)
    assert.equal(document.customer.residencyRegion, region)
    assert.equal(document.accounts[0].number, account.number)
    assert.equal(document.ledgerEntries.length, 1)
    assert.equal(document.ledgerEntries[0].amount, '1234')
    assert.lengthOf(document.accessTokens, 1)
    assert.notProperty(document.accessTokens[0], 'hash')
    const created = document.auditEvents.find((event: any) => event.action === 'customer.created')
    assert.exists(created)
    /* the audit trail stores the name sealed; the export opens it */
    assert.include(JSON.stringify(created.after), person.fullName)
    assert.notInclude(JSON.stringify(await db.from('audit_events').where('id', created.id).first()), person.nameTag)
    assert.includeMembers(document.withheld.map((w: any) => w.category), ['risk_alerts', 'secrets'])
    assert.notInclude(JSON.stringify(document), '"password"')

    const [audit] = await db.from('audit_events').where({ action: 'customer.exported', subject_id: String(customerId) })
    assert.equal(audit.actor_type, 'system')
    assert.equal(audit.metadata.export_id, exportId)
    assert.notInclude(JSON.stringify(audit), person.nameTag)
  }).timeout(120_000)

  test('--stdout prints the plaintext JSON (the operator pipes it) and writes no file', async ({ client, assert }) => {
    const { person, customerId, region } = await personalCustomer(client)
    const run = await ace('customers:export', `--customer=${customerId}`, '--stdout')
    assert.equal(run.code, 0, run.stderr)
    const document = JSON.parse(run.stdout)
    assert.equal(document.customer.personalData.fullName, person.fullName)
    assert.isFalse(existsSync(join(regionStorage(region).exports, `customer-${customerId}`)))
    const [audit] = await db.from('audit_events').where({ action: 'customer.exported', subject_id: String(customerId) })
    assert.equal(audit.metadata.destination, 'stdout')
  }).timeout(120_000)

  test('--output outside the customer region is refused with E_RESIDENCY_VIOLATION; nothing is written', async ({ client, assert }) => {
    const { customerId, region } = await personalCustomer(client)
    const other = regionCodes().find((code) => code !== region)!
    const targets = [join(tmpdir(), `privacy-${randomUUID()}`), join(regionStorage(other).exports, `stray-${randomUUID()}`)]
    for (const target of targets) {
      const run = await ace('customers:export', `--customer=${customerId}`, `--output=${target}`)
      assert.equal(run.code, 1)
      assert.include(run.stdout + run.stderr, 'E_RESIDENCY_VIOLATION')
      assert.isFalse(existsSync(target))
    }
    const refusals = await db.from('audit_events').where({ action: 'residency.refused', subject_id: String(customerId) })
    assert.deepEqual(refusals.map((row) => row.metadata.operation), ['customer.export.write', 'customer.export.write'])
    assert.lengthOf(await db.from('audit_events').where({ action: 'customer.exported', subject_id: String(customerId) }), 0)

    const inside = join(regionStorage(region).exports, `requested-${randomUUID()}`)
    const allowed = await ace('customers:export', `--customer=${customerId}`, `--output=${inside}`)
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr)
    assert.include(allowed.stdout, inside)
  }).timeout(120_000)

  test('compliance creates an export from the customer page and downloads it (opened, audited, an attachment); a teller may not', async ({ client, assert }) => {
    const { person, customerId } = await personalCustomer(client)
    const { agent } = await signedInAgent(client, 'compliance')
    const created = await agent.post(`/backoffice/customers/${customerId}/exports`, {})
    created.assertStatus(302)
    const page = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.match(page.inertiaProps.flash.success, /^Export \S+ created/)
    const [stored] = page.inertiaProps.privacy.exports
    assert.isString(stored.url)

    const download = await agent.get(stored.url)
    download.assertStatus(200)
    assert.match(download.header('content-disposition')!, /^attachment; filename="customer-\d+-\S+\.json"$/)
    assert.equal(JSON.parse(download.text()).customer.personalData.email, person.email)
    const downloads = await db.from('audit_events').where({ action: 'customer.export.downloaded', subject_id: String(customerId) })
    assert.lengthOf(downloads, 1)
    assert.equal(downloads[0].metadata.export_id, stored.exportId)

    const { agent: teller } = await signedInAgent(client, 'teller')
    ;(await teller.get(stored.url)).assertStatus(403)
    ;(await teller.post(`/backoffice/customers/${customerId}/exports`, {})).assertStatus(403)
    const tellerPage = await teller.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.isNull(tellerPage.inertiaProps.privacy)
  }).timeout(120_000)

  test('an export that does not exist, a malformed export id or an unknown customer is a 404 (a form post: redirected back) and nothing is exported', async ({ client, assert }) => {
    const { customerId } = await personalCustomer(client)
    const { agent } = await signedInAgent(client, 'compliance')
    const auditBefore = await db.from('audit_events').whereIn('action', ['customer.exported', 'customer.export.downloaded']).count('* as n')

    ;(await agent.get(`/backoffice/customers/${customerId}/exports/20261204T000000Z-00000000`)).assertStatus(404)
    ;(await agent.get(`/backoffice/customers/${customerId}/exports/..%2F..%2Fetc%2Fpasswd`)).assertStatus(404)
    ;(await agent.get(`/backoffice/customers/999999999/exports/20261204T000000Z-00000000`)).assertStatus(404)
    /* a form post answers like every backoffice form: redirected back with the error flashed, nothing exported */
    ;(await agent.post(`/backoffice/customers/999999999/exports`, {})).assertStatus(302)

    const auditAfter = await db.from('audit_events').whereIn('action', ['customer.exported', 'customer.export.downloaded']).count('* as n')
    assert.equal(auditAfter[0].n, auditBefore[0].n)
  }).timeout(60_000)
})
