import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Customer from '#models/customer'
import { customerRegion, regionDisk } from '#services/residency/region_drive'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import { auditRows } from '#tests/helpers/audit'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { customerWithAccounts, PDF_BYTES, plainCustomer } from '#tests/helpers/customers'
import { optionalUrl } from '#controllers/backoffice/customer_urls'

test.group('Backoffice customers: profile and reveal', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('shows profile, accounts with decimal balances and recent activity, identifiers masked', async ({ client, assert }) => {
    const { customerId, accounts } = await customerWithAccounts([
      { currency: 'GBP', amount: '1234567.89' },
      { currency: 'GBP', amount: '0.05' },
    ])
    const stored = await Customer.findOrFail(customerId)
    await stored.merge({ phone: '+44 7700 900123', dateOfBirth: DateTime.fromISO('1980-04-05') }).save()
    const { agent } = await signedIn(client, 'teller')

    const response = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    response.assertStatus(200)
    response.assertInertiaComponent('backoffice/customers/show')
    const props = response.inertiaProps
    assert.equal(props.customer.id, customerId)
    assert.deepEqual(props.customer.masked, { phone: '•••••••••123', dateOfBirth: '••/••/••••', address: null, nationalId: null })
    assert.isNull(props.revealed)
    assert.notInclude(JSON.stringify(props), '1980')
    assert.containsSubset(props.accounts, [
      { id: accounts[0].id, number: accounts[0].number, kind: 'current', currency: 'GBP', status: 'active',
        balance: { amount: '1234567.89', currency: 'GBP' }, available: { amount: '1234567.89', currency: 'GBP' },
        url: optionalUrl('backoffice.accounts.show', { id: accounts[0].id }) },
      { id: accounts[1].id, balance: { amount: '0.05', currency: 'GBP' } },
    ])
    assert.deepEqual(
      props.recentActivity.map((e: any) => [e.accountNumber, e.direction, e.amount.amount]),
      [[accounts[1].number, 'credit', '0.05'], [accounts[0].number, 'credit', '1234567.89']],
      'newest first, the customer side of each posting only'
    )
    assert.deepEqual(props.can, {
      update: true, viewPii: false, reviewKyc: false, uploadDocument: true, downloadDocument: true, openAccount: true,
      changePaymentLimits: true, applyForLoan: true,
    })
    assert.equal(props.urls.reveal, `/backoffice/customers/${customerId}/reveal`)
    assert.equal(props.urls.openAccount, '/backoffice/accounts')
  })

  test('reveals identifiers once to compliance and audits the view', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent, staff } = await signedIn(client, 'compliance')
    await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })

    const reveal = await agent.post(`/backoffice/customers/${customerId}/reveal`, {})
    reveal.assertStatus(302)
    reveal.assertHeader('location', `/backoffice/customers/${customerId}`)
    const [audit] = await auditRows('customer.pii.viewed', staff.id)
    assert.equal(audit.subject_id, String(customerId))
    assert.deepEqual(audit.metadata.fields, ['phone', 'dateOfBirth', 'address', 'nationalId'])
    assert.notInclude(JSON.stringify(audit), '900123')

    const shown = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.deepEqual(shown.inertiaProps.revealed, {
      phone: '+44 7700 900123', dateOfBirth: '1980-04-05', nationalId: null,
      address: { line1: '1 Bank St', line2: null, city: 'London', postcode: 'E14 5AB', country: 'GB' },
    })
    const again = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.isNull(again.inertiaProps.revealed, 'masked again on the next view')
  })

  test('refuses a reveal to a teller: 403, audited denial, no view recorded', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent, staff } = await signedIn(client, 'teller')
    const response = await agent.post(`/backoffice/customers/${customerId}/reveal`, {})
    response.assertStatus(403)
    assert.lengthOf(await auditRows('customer.pii.viewed', staff.id), 0)
    assert.lengthOf(await auditRows('authorization.denied', staff.id), 1)
  })

  test('answers 404 for an unknown customer', async ({ client }) => {
    const { agent } = await signedIn(client, 'admin')
    const response = await agent.get('/backoffice/customers/999999999', { inertia: true })
    response.assertStatus(404)
  })
})

test.group('Backoffice customers: KYC review', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('rejects with a reason, audited with before and after', async ({ client, assert }) => {
    const { customerId } = await plainCustomer({ kycStatus: 'pending' })
    const { agent, staff } = await signedIn(client, 'compliance')
    await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })

    await agent.post(`/backoffice/customers/${customerId}/kyc`, { status: 'rejected' })
    const page = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.property(page.inertiaProps.errors, 'reason')
    assert.equal((await db.from('customers').where('id', customerId).first()).kyc_status, 'pending')

    const response = await agent.post(`/backoffice/customers/${customerId}/kyc`, { status: 'rejected', reason: 'Document expired' })
    response.assertStatus(302)
    assert.equal((await agent.flashAfter(response)).success, 'KYC status set to rejected.')
    const row = await db.from('customers').where('id', customerId).first()
    assert.equal(row.kyc_status, 'rejected')
    assert.equal(row.kyc_rejection_reason, 'Document expired')
    const [audit] = await auditRows('customer.kyc.updated', staff.id)
    assert.deepEqual(audit.before, { kycStatus: 'pending', kycRejectionReason: null })
    assert.deepEqual(audit.after, { kycStatus: 'rejected', kycRejectionReason: 'Document expired' })

    await agent.post(`/backoffice/customers/${customerId}/kyc`, { status: 'verified', reason: 'ignored' })
    const verified = await db.from('customers').where('id', customerId).first()
    assert.equal(verified.kyc_status, 'verified')
    assert.isNull(verified.kyc_rejection_reason)
  })

  test('refuses KYC changes to a teller', async ({ client, assert }) => {
    const { customerId } = await plainCustomer({ kycStatus: 'pending' })
    const { agent, staff } = await signedIn(client, 'teller')
    const response = await agent.post(`/backoffice/customers/${customerId}/kyc`, { status: 'verified' })
    response.assertStatus(403)
    assert.equal((await db.from('customers').where('id', customerId).first()).kyc_status, 'pending')
    assert.lengthOf(await auditRows('customer.kyc.updated', staff.id), 0)
  })
})

test.group('Backoffice customers: KYC documents', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('uploads a PDF, records its metadata and serves it back as an audited attachment', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent, staff } = await signedIn(client, 'teller')
    await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })

    const upload = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, {
      field: 'file', name: 'passport scan.pdf', content: PDF_BYTES, contentType: 'application/pdf',
    })
    upload.assertStatus(302)
    assert.equal((await agent.flashAfter(upload)).success, 'Document uploaded.')
    const { kycDocuments } = await Customer.findOrFail(customerId)
    assert.lengthOf(kycDocuments, 1)
    const stored = kycDocuments[0]
    assert.containsSubset(stored, {
      type: 'passport', originalName: 'passport scan.pdf', size: PDF_BYTES.length, mime: 'application/pdf',
      uploadedBy: staff.id,
    })
    assert.match(stored.sha256, /^[0-9a-f]{64}$/)
    assert.isTrue(await regionDisk(await customerRegion(customerId)).exists(stored.key), 'on the disk of the customer region')
    const [uploaded] = await auditRows('customer.document.uploaded', staff.id)
    assert.equal(uploaded.after.id, stored.id)
    assert.notProperty(uploaded.after, 'key')

    const page = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    const [listed] = page.inertiaProps.documents
    assert.equal(listed.id, stored.id)
    assert.equal(listed.url, `/backoffice/customers/${customerId}/documents/${stored.id}`)
    assert.notInclude(JSON.stringify(page.inertiaProps), stored.key)

    const download = await agent.get(listed.url)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    assert.match(download.header('content-disposition')!, /^attachment; filename="passport scan.pdf"/)
    const body = download.body()
    assert.isTrue(Buffer.isBuffer(body) && body.equals(PDF_BYTES), 'the same bytes come back')
    const [viewed] = await auditRows('customer.document.viewed', staff.id)
    assert.equal(viewed.metadata.documentId, stored.id)
  })

  test('refuses a file of another type and a missing document type', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent } = await signedIn(client, 'admin')
    await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'selfie' }, {
      field: 'file', name: 'notes.txt', content: Buffer.from('plain text, not a document'), contentType: 'text/plain',
    })
    const page = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.properties(page.inertiaProps.errors, ['type', 'file'])
    assert.lengthOf((await Customer.findOrFail(customerId)).kycDocuments, 0)
  })

  test('refuses a file named .pdf whose bytes are not a PDF', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent, staff } = await signedIn(client, 'compliance')
    await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    const response = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'other' }, {
      field: 'file', name: 'invoice.pdf', content: Buffer.from('just some text, not a pdf'), contentType: 'application/pdf',
    })
    response.assertStatus(302)
    const page = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.property(page.inertiaProps.errors, 'file', 'the type comes from the bytes, not the name')
    assert.lengthOf((await Customer.findOrFail(customerId)).kycDocuments, 0)
    assert.lengthOf(await auditRows('customer.document.uploaded', staff.id), 0)
  })

  test('lets an auditor download but not upload; unknown documents are 404', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent, staff } = await signedIn(client, 'auditor')
    const upload = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'other' }, {
      field: 'file', name: 'a.pdf', content: PDF_BYTES, contentType: 'application/pdf',
    })
    upload.assertStatus(403)
    assert.lengthOf((await Customer.findOrFail(customerId)).kycDocuments, 0)
    const missing = await agent.get(`/backoffice/customers/${customerId}/documents/${randomUUID()}`, { inertia: true })
    missing.assertStatus(404)
    assert.lengthOf(await auditRows('customer.document.viewed', staff.id), 0)
  })
})
