import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import Customer from '#models/customer'
import ScheduledErasure from '#actions/customers/scheduled_erasure'
import { SCHEDULES } from '#config/queue'
import jobs from '#start/jobs'
import { STAFF_ROLES, roleCan } from '#domain/staff/permissions'
import DataKeyring from '#services/keys/data_keyring'
import { open } from '#services/keys/sealing'
import { exportAad, readSealedExport } from '#services/privacy/customer_export_store'
import { regionDisk } from '#services/residency/region_drive'
import { addYears } from '#domain/privacy/retention'
import {
  ace,
  closeAccounts,
  databaseMatches,
  freshBackupText,
  personalCustomer,
  plainDump,
  signedInAgent,
  yearsAgo,
} from '#tests/functional/privacy/privacy_fixtures'

type Agent = Awaited<ReturnType<typeof signedInAgent>>['agent']

/** The maker files an erasure request from the customer page; returns its approval id */
async function requestErasure(maker: Agent, customerId: number, reason = 'Customer asked for erasure (letter of 1 December)') {
  const response = await maker.post(`/backoffice/customers/${customerId}/erasure`, { reason, idempotencyKey: crypto.randomUUID() })
  response.assertStatus(302)
  const flash = await maker.flashAfter(response)
  if (flash.error) throw new Error(flash.error)
  return Number(flash.success!.match(/approval #(\d+)/)![1])
}

async function approve(checker: Agent, approvalId: number) {
  const response = await checker.post(`/backoffice/approvals/${approvalId}/approve`, {})
  response.assertStatus(302)
  return checker.flashAfter(response)
}

const erasureOf = (customerId: number) => db.from('erasure_requests').where('customer_id', customerId).orderBy('id', 'desc').first()

test.group('Customer erasure (crypto-shredding)', () => {
  test('four-eyes: the maker cannot approve; a reason is required; an active relationship keeps it scheduled with no date, and staff see why', async ({ client, assert }) => {
    const { customerId } = await personalCustomer(client)
    const { agent: maker } = await signedInAgent(client, 'compliance')
    const { agent: checker } = await signedInAgent(client, 'compliance')

    const noReason = await maker.post(`/backoffice/customers/${customerId}/erasure`, { reason: '', idempotencyKey: crypto.randomUUID() })
    noReason.assertStatus(302)
    assert.notExists(await erasureOf(customerId))

    const approvalId = await requestErasure(maker, customerId)
    assert.equal((await erasureOf(customerId)).status, 'requested')
    const [approval] = await db.from('approvals').where('id', approvalId)
    assert.equal(approval.kind, 'customers.erasure')

    const own = await maker.post(`/backoffice/approvals/${approvalId}/approve`, {})
    assert.oneOf(own.status(), [302, 403])
    assert.equal((await db.from('approvals').where('id', approvalId).first()).status, 'pending')
    const again = await maker.post(`/backoffice/customers/${customerId}/erasure`, { reason: 'twice', idempotencyKey: crypto.randomUUID() })
    again.assertStatus(302)
    const flashed = await maker.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.match(flashed.inertiaProps.flash.error ?? '', /already has an open erasure request/)
    assert.lengthOf(await db.from('erasure_requests').where('customer_id', customerId), 1)

    assert.isNull((await approve(checker, approvalId)).error)
    const scheduled = await erasureOf(customerId)
    assert.equal(scheduled.status, 'scheduled')
    assert.isNull(scheduled.execute_after)
    const page = await checker.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.equal(page.inertiaProps.privacy.erasure.status, 'scheduled')
    assert.equal(page.inertiaProps.privacy.erasure.retention, 'Retained: the relationship is still active (an account or loan is open).')
    assert.isNotNull(await DataKeyring.forCustomer(customerId))
    assert.notEqual((await Customer.findOrFail(customerId)).fullName, '[erased]')
  }).timeout(120_000)

  test('privacy:erase-due executes only the requests whose retention period has ended; the others get their date and reason', async ({ client, assert }) => {
    const { agent: maker } = await signedInAgent(client, 'compliance')
    const { agent: checker } = await signedInAgent(client, 'admin')
    const due = await personalCustomer(client)
    const retained = await personalCustomer(client)
    const active = await personalCustomer(client)
    for (const customer of [due, retained, active]) await approve(checker, await requestErasure(maker, customer.customerId))
    const closedLongAgo = yearsAgo(5, 2)
    const closedLastYear = yearsAgo(1)
    await closeAccounts(due.customerId, closedLongAgo)
    await closeAccounts(retained.customerId, closedLastYear)

    const run = await ace('privacy:erase-due')
    assert.equal(run.code, 0, run.stdout + run.stderr)
    assert.match(run.stdout, /executed/)

    assert.equal((await erasureOf(due.customerId)).status, 'executed')
    /* the erasure ran in another process: this one still caches the key (DATA_KEY_CACHE_SECONDS) */
    DataKeyring.forget()
    assert.equal((await Customer.findOrFail(due.customerId)).fullName, '[erased]')

    const waiting = await erasureOf(retained.customerId)
    assert.equal(waiting.status, 'scheduled')
    assert.equal(new Date(waiting.execute_after).toISOString(), addYears(closedLastYear, 5).toISOString())
    assert.equal(new Date(waiting.relationship_ended_at).toISOString(), closedLastYear.toISOString())
    const page = await checker.get(`/backoffice/customers/${retained.customerId}`, { inertia: true })
    const until = addYears(closedLastYear, 5).toISOString().slice(0, 10)
    assert.equal(
      page.inertiaProps.privacy.erasure.retention,
      `Retained until ${until}: records must be kept 5 years after the relationship ended on ${closedLastYear.toISOString().slice(0, 10)}.`
    )
    assert.notEqual((await Customer.findOrFail(retained.customerId)).fullName, '[erased]')

    assert.equal((await erasureOf(active.customerId)).status, 'scheduled')
    assert.isNull((await erasureOf(active.customerId)).execute_after)

    const [batch] = await db.from('batch_runs').where('command', 'privacy:erase-due').orderBy('id', 'desc').limit(1)
    assert.isTrue(batch.succeeded)
  }).timeout(180_000)

  test('after erasure: [erased], ledger:verify and audit:verify clean, no plaintext in the database nor a fresh backup, stored export unreadable, files and tokens gone', async ({ client, assert }) => {
    const { person, customerId, customerNumber, region, token } = await personalCustomer(client, { deposit: '50.00', document: true, token: true })
    const exported = await ace('customers:export', `--customer=${customerNumber}`)
    assert.equal(exported.code, 0, exported.stderr)
    const exportPath = exported.stdout.match(/: (\/\S+\.json\.sealed)/)![1]
    const exportId = exportPath.split('/').pop()!.replace('.json.sealed', '')
    const exportCopy = await readFile(exportPath)
    const documentKey = (await Customer.findOrFail(customerId)).kycDocuments[0].key
    assert.isTrue(await regionDisk(region).exists(documentKey))

    await closeAccounts(customerId, yearsAgo(6))
    const { agent: maker } = await signedInAgent(client, 'compliance')
    const { agent: checker } = await signedInAgent(client, 'admin')
    const decision = await approve(checker, await requestErasure(maker, customerId))
    assert.isNull(decision.error)

    /* executed at once: the retention period had ended */
    const request = await erasureOf(customerId)
    assert.equal(request.status, 'executed')
    const customer = await Customer.findOrFail(customerId)
    assert.equal(customer.fullName, '[erased]')
    assert.isTrue(customer.personalDataErased)
    const [erased] = await db.from('audit_events').where({ action: 'customer.erased', subject_id: String(customerId) })
    assert.isTrue(erased.metadata.key_destroyed)
    assert.equal(erased.metadata.tokens_revoked, 1)
    assert.lengthOf(await db.from('customer_access_tokens').where('tokenable_id', customerId), 0)
    assert.isNotNull(token)
    const row = await db.from('customers').where('id', customerId).first()
    assert.isNull(row.email_index)
    assert.isNull(row.national_id_index)
    assert.isNull(row.name_index)

    /* the ledger and the audit trail still verify */
    const ledger = await ace('ledger:verify')
    assert.equal(ledger.code, 0, ledger.stdout + ledger.stderr)
    const audit = await ace('audit:verify')
    assert.equal(audit.code, 0, audit.stdout + audit.stderr)

    /* the export and the files: unreadable, removed */
    assert.isNull(await DataKeyring.forCustomer(customerId))
    await assert.rejects(() => readSealedExport(region, customerId, exportId))
    assert.isFalse(existsSync(exportPath))
    assert.isTrue(exportCopy.length > 29)
    /* a copy of the sealed file (a backup of the export directory) opens with no key there is */
    assert.isNull(await DataKeyring.forCustomer(customerId))
    assert.throws(() => open(Buffer.alloc(32), exportCopy, exportAad(customerId, exportId)))
    assert.isFalse(await regionDisk(region).exists(documentKey))

    /* the searches find what is stored in clear (the customer number), so finding nothing below means something */
    assert.deepInclude((await databaseMatches([customerNumber]))[customerNumber], 'public.customers.customer_number')
    assert.include(await plainDump(), customerNumber)

    /* no plaintext of the customer anywhere in the database… */
    const needles = [person.nameTag, person.email, person.phone, person.nationalId, person.addressLine1]
    const leaks = await databaseMatches(needles)
    assert.deepEqual(leaks, {}, `personal data left after erasure (value → table.column): ${JSON.stringify(leaks, null, 1)}`)
    /* …nor in a fresh backup (backup:create, dump method, decrypted with its key)… */
    const backup = await freshBackupText()
    assert.include(backup, customerNumber)
    assert.deepEqual(
      needles.filter((needle) => backup.toLowerCase().includes(needle.toLowerCase())),
      [],
      'personal data in a fresh backup after erasure'
    )
    /* …nor in a plain pg_dump of the whole database */
    const dump = await plainDump()
    assert.isAbove(dump.length, 1000)
    assert.deepEqual(
      needles.filter((needle) => dump.toLowerCase().includes(needle.toLowerCase())),
      [],
      'personal data in a fresh dump after erasure'
    )
  }).timeout(300_000)

  test('an erasure is decided only by another compliance officer or administrator: every other role is refused', async ({ client, assert }) => {
    const { agent: maker } = await signedInAgent(client, 'compliance')
    for (const role of STAFF_ROLES) {
      const { customerId } = await personalCustomer(client)
      const approvalId = await requestErasure(maker, customerId)
      const { agent: checker } = await signedInAgent(client, role)
      const response = await checker.post(`/backoffice/approvals/${approvalId}/approve`, {})
      const status = (await db.from('approvals').where('id', approvalId).first()).status
      if (roleCan(role, 'customers.erase')) {
        response.assertStatus(302)
        assert.equal(status, 'approved', role)
        assert.equal((await erasureOf(customerId)).status, 'scheduled', role)
      } else {
        response.assertStatus(403)
        assert.equal(status, 'pending', role)
        assert.equal((await erasureOf(customerId)).status, 'requested', role)
      }
    }
    assert.deepEqual(STAFF_ROLES.filter((role) => roleCan(role, 'customers.erase')), ['admin', 'compliance'])
  }).timeout(180_000)

  test('the worker runs privacy:erase-due daily: a scheduled job whose handler executes the due requests', async ({ client, assert }) => {
    assert.deepInclude(SCHEDULES, { queue: 'privacy.erase_due', cron: '45 4 * * *', data: {} })
    assert.isFunction((jobs as Record<string, unknown>)['privacy.erase_due'])
    const { agent: maker } = await signedInAgent(client, 'compliance')
    const { agent: checker } = await signedInAgent(client, 'admin')
    const { customerId } = await personalCustomer(client)
    await approve(checker, await requestErasure(maker, customerId))
    await closeAccounts(customerId, yearsAgo(7))
    await (await app.container.make(ScheduledErasure)).handle()
    assert.equal((await erasureOf(customerId)).status, 'executed')
    assert.equal((await Customer.findOrFail(customerId)).fullName, '[erased]')
  }).timeout(120_000)

  test('a rejected erasure request is closed (cancelled) when a new one is filed; staff see it was rejected', async ({ client, assert }) => {
    const { customerId } = await personalCustomer(client)
    const { agent: maker } = await signedInAgent(client, 'compliance')
    const { agent: checker } = await signedInAgent(client, 'compliance')
    const first = await requestErasure(maker, customerId)
    const rejected = await checker.post(`/backoffice/approvals/${first}/reject`, { reason: 'Customer still has a complaint open' })
    rejected.assertStatus(302)
    const page = await maker.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.equal(page.inertiaProps.privacy.erasure.approvalStatus, 'rejected')

    const second = await requestErasure(maker, customerId, 'Complaint closed; the customer asked again')
    assert.notEqual(second, first)
    const rows = await db.from('erasure_requests').where('customer_id', customerId).orderBy('id')
    assert.deepEqual(rows.map((row) => row.status), ['cancelled', 'requested'])
    assert.isNotNull(rows[0].cancelled_at)
  }).timeout(120_000)
})
