import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import Customer from '#models/customer'
import Loan from '#models/loan'
import DataKeyring from '#services/keys/data_keyring'
import { customerRegion, regionDisk } from '#services/residency/region_drive'
import { loanDocumentKey } from '#domain/loans/loan_documents'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { plainCustomer, PDF_BYTES } from '#tests/helpers/customers'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'
import { createLoanProduct } from '#tests/helpers/loans'
import { attachDocument, loanRow, submittedApplication } from '#tests/helpers/loan_review'

/**
 * Customers' documents at rest (issue 13): KYC and loan documents are
 * sealed under the customer's data key on the disk, served back as the
 * original bytes, legacy plaintext files still open, and an erased
 * customer's documents answer 410 E_PERSONAL_DATA_ERASED. Loan document
 * names are sealed in loans.documents.
 */

/** A real PDF whose bytes carry a marker no sealed file may show */
function markedPdf() {
  const marker = `MARKER-${randomUUID()}`
  return { marker, bytes: Buffer.concat([PDF_BYTES, Buffer.from(`%${marker}\n`)]) }
}

const storedBytes = async (customerId: number, key: string) => Buffer.from(await regionDisk(await customerRegion(customerId)).getBytes(key))
const bytesOf = (response: { body(): unknown }) => Buffer.from(response.body() as Buffer)

test.group('Sealed documents: KYC', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('an upload is sealed on the disk (no plaintext marker) and downloads as the original bytes', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent } = await signedIn(client, 'teller')
    const { marker, bytes } = markedPdf()
    const uploaded = await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, {
      field: 'file', name: `passport ${marker}.pdf`, content: bytes, contentType: 'application/pdf',
    })
    uploaded.assertStatus(302)
    const [document] = (await Customer.findOrFail(customerId)).kycDocuments
    assert.exists(document, 'the metadata is on the customer')

    const onDisk = await storedBytes(customerId, document.key)
    assert.equal(onDisk[0], 1, 'starts with the sealing version byte')
    assert.notInclude(onDisk.toString('latin1'), marker, 'the marker is not on the disk')
    assert.notInclude(onDisk.toString('latin1'), '%PDF', 'nor the PDF header')
    assert.equal(document.sha256, (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'), 'sha256 of the plaintext')
    const audit = await db.from('audit_events').where({ action: 'customer.document.uploaded', subject_id: String(customerId) }).firstOrFail()
    assert.notInclude(JSON.stringify(audit.after), marker, 'the audit row keeps no file name')

    const download = await agent.get(`/backoffice/customers/${customerId}/documents/${document.id}`)
    download.assertStatus(200)
    assert.isTrue(bytesOf(download).equals(bytes), 'the original bytes come back')
  })

  test('a file stored in plaintext before sealing still downloads', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const key = `kyc/${randomUUID()}`
    const id = randomUUID()
    await regionDisk(await customerRegion(customerId)).put(key, PDF_BYTES)
    const customer = await Customer.findOrFail(customerId)
    customer.kycDocuments = [
      { id, type: 'passport', originalName: 'old.pdf', size: PDF_BYTES.length, mime: 'application/pdf', sha256: '0'.repeat(64), uploadedBy: 1, uploadedAt: new Date().toISOString(), key },
    ]
    await customer.save()
    const { agent } = await signedIn(client, 'teller')
    const download = await agent.get(`/backoffice/customers/${customerId}/documents/${id}`)
    download.assertStatus(200)
    assert.isTrue(bytesOf(download).equals(PDF_BYTES))
  })

  test('after erasure (key destroyed) a download is refused with 410, nothing served', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const { agent } = await signedIn(client, 'teller')
    const { bytes } = markedPdf()
    ;(await agent.upload(`/backoffice/customers/${customerId}/documents`, { type: 'passport' }, {
      field: 'file', name: 'passport.pdf', content: bytes, contentType: 'application/pdf',
    })).assertStatus(302)
    const [document] = (await Customer.findOrFail(customerId)).kycDocuments
    assert.isTrue(await DataKeyring.destroyCustomerKey(customerId))

    const download = await agent.get(`/backoffice/customers/${customerId}/documents/${document.id}`, { inertia: true })
    download.assertStatus(410)
    assert.equal(download.inertiaProps?.title ?? download.body().title, 'Personal data erased')
  })
})

test.group('Sealed documents: loans', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a loan document is sealed on the disk, its name sealed in loans.documents, and downloads as the original bytes', async ({ client, assert }) => {
    const customer = await createApiCustomer({ kyc: 'verified' })
    const account = await openAccount(customer.id)
    const { product } = await createLoanProduct()
    const token = await tokenFor(customer.id, { abilities: [] })
    const applied = await client.post('/api/v1/loan-applications').bearerToken(token).json({
      productId: String(product.id), principal: { amount: '5000.00', currency: 'GBP' }, termCount: 24, purpose: 'A used car',
      monthlyIncome: { amount: '3000.00', currency: 'GBP' }, monthlyObligations: { amount: '400.00', currency: 'GBP' },
      disbursementAccountId: String(account.id),
    })
    applied.assertStatus(201)
    const id = Number(applied.body().data.id)
    const { marker, bytes } = markedPdf()
    const response = await client
      .post(`/api/v1/loan-applications/${id}/documents`)
      .bearerToken(token)
      .file('file', bytes, { filename: `payslip-${marker}.pdf`, contentType: 'application/pdf' })
    response.assertStatus(201)
    const document = response.body().data
    assert.equal(document.name, `payslip-${marker}.pdf`)

    const row = await loanRow(id)
    assert.notInclude(JSON.stringify(row.documents), marker, 'the file name is sealed in the row')
    assert.isString(row.documents[0].sealedName)
    assert.notProperty(row.documents[0], 'name')
    const onDisk = await storedBytes(customer.id, loanDocumentKey(id, document.id))
    assert.notInclude(onDisk.toString('latin1'), marker, 'the marker is not on the disk')
    assert.notInclude(onDisk.toString('latin1'), '%PDF')
    const audit = await db.from('audit_events').where({ action: 'loans.loan.document_uploaded', subject_id: String(id) }).firstOrFail()
    assert.notInclude(JSON.stringify(audit.after), marker, 'the audit row keeps no file name')

    const shown = await client.get(`/api/v1/loan-applications/${id}`).bearerToken(token)
    assert.equal(shown.body().data.documents[0].name, `payslip-${marker}.pdf`, 'the name is opened for the owner')
    const download = await client.get(`/api/v1/loan-applications/${id}/documents/${document.id}`).bearerToken(token)
    download.assertStatus(200)
    assert.isTrue(bytesOf(download).equals(bytes), 'the original bytes come back')

    assert.isTrue(await DataKeyring.destroyCustomerKey(customer.id))
    const erased = await client.get(`/api/v1/loan-applications/${id}/documents/${document.id}`).bearerToken(token)
    assertProblem(assert, erased, 410, 'E_PERSONAL_DATA_ERASED')
    const loan = await Loan.findOrFail(id)
    assert.isTrue(loan.personalDataErased)
    assert.equal(loan.documents[0].name, '[erased]')
    assert.isNull(loan.monthlyIncome)
  })

  test('a legacy plaintext loan document (name in clear, bytes on the old disk) still downloads from the backoffice', async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    const document = await attachDocument(loan.id)
    try {
      const { agent } = await signedIn(client, 'loan_officer')
      const download = await agent.get(`/backoffice/loans/${loan.id}/documents/${document.id}`)
      download.assertStatus(200)
      assert.isTrue(bytesOf(download).equals(PDF_BYTES))
      assert.match(download.header('content-disposition')!, /filename="payslip.pdf"/)
    } finally {
      await drive.use().delete(loanDocumentKey(loan.id, document.id))
    }
  })
})
