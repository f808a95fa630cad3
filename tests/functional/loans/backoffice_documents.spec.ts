import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import { customerRegion, regionDisk } from '#services/residency/region_drive'
import { loanDocumentKey } from '#domain/loans/loan_documents'
import { refusalOn, resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { PDF_BYTES } from '#tests/helpers/customers'
import { createStaff } from '#tests/helpers/staff'
import { approvedApplication, loanHistory, loanRow, submittedApplication } from '#tests/helpers/loan_review'

const url = (id: number, step = '') => `/backoffice/loans/${id}${step ? `/${step}` : ''}`
const pdf = (name = 'payslip.pdf') => ({ field: 'file', name, content: PDF_BYTES, contentType: 'application/pdf' })

test.group('Loan documents: staff attach them from the backoffice', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a teller attaches a PDF: stored on the disk, listed on the loan page, audited as uploaded by staff', async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    const { agent, staff } = await signedIn(client, 'teller')
    const page = await agent.get(url(loan.id), { inertia: true })
    assert.isTrue(page.inertiaProps.can.attachDocument)
    assert.equal(page.inertiaProps.urls.attachDocument, url(loan.id, 'documents'))

    const response = await agent.upload(url(loan.id, 'documents'), {}, pdf())
    response.assertStatus(302)
    assert.equal(response.header('location'), url(loan.id))
    assert.equal((await agent.flashAfter(response)).success, 'Document attached.')

    const [stored] = (await loanRow(loan.id)).documents
    assert.notProperty(stored, 'name', 'the file name is stored only sealed')
    assert.isString(stored.sealedName)
    const [document] = (await Loan.findOrFail(loan.id)).documents
    assert.containsSubset(document, { name: 'payslip.pdf', contentType: 'application/pdf', size: PDF_BYTES.length, uploadedBy: { type: 'staff', id: staff.id } })
    assert.isTrue(await regionDisk(await customerRegion(loan.customerId)).exists(loanDocumentKey(loan.id, document.id)))

    const shown = await agent.get(url(loan.id), { inertia: true })
    assert.deepEqual(shown.inertiaProps.documents.map((d: { id: string; uploadedBy: string }) => [d.id, d.uploadedBy]), [[document.id, 'staff']])

    assert.deepEqual((await loanHistory(loan.id)).slice(-1), ['loans.loan.document_uploaded'])
    const audit = await db.from('audit_events').where({ action: 'loans.loan.document_uploaded', subject_type: 'loan', subject_id: String(loan.id) }).firstOrFail()
    assert.include(audit, { actor_type: 'staff', actor_id: String(staff.id) })
  })

  test('refuses a file that is not a PDF, JPEG or PNG by its bytes, whatever its name: a field error, nothing stored', async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    const { agent } = await signedIn(client, 'teller')
    const response = await agent.upload(url(loan.id, 'documents'), {}, {
      field: 'file', name: 'payslip.pdf', content: Buffer.from('Just some words, not a PDF at all'), contentType: 'application/pdf',
    })
    response.assertStatus(302)
    const { errors } = await refusalOn(agent, url(loan.id))
    assert.property(errors, 'file')
    assert.deepEqual((await loanRow(loan.id)).documents, [])
    assert.notInclude(await loanHistory(loan.id), 'loans.loan.document_uploaded')
  })

  test('an auditor may not attach a document (403) and sees no upload form', async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    const { agent } = await signedIn(client, 'auditor')
    assert.isFalse((await agent.get(url(loan.id), { inertia: true })).inertiaProps.can.attachDocument)
    const response = await agent.upload(url(loan.id, 'documents'), {}, pdf())
    response.assertStatus(403)
    assert.deepEqual((await loanRow(loan.id)).documents, [])
    assert.notInclude(await loanHistory(loan.id), 'loans.loan.document_uploaded')
  })

  test('an approved application takes no more documents: no form, and an upload is refused with the 409 message flashed', async ({ client, assert }) => {
    const { staff: officer } = await createStaff({ role: 'loan_officer' })
    const { loan } = await approvedApplication(officer)
    const { agent } = await signedIn(client, 'teller')
    assert.isFalse((await agent.get(url(loan.id), { inertia: true })).inertiaProps.can.attachDocument)

    const response = await agent.upload(url(loan.id, 'documents'), {}, pdf())
    response.assertStatus(302)
    const { flash } = await refusalOn(agent, url(loan.id))
    assert.equal(flash.error, 'Documents can be added only while the application is submitted or under review.')
    assert.deepEqual((await loanRow(loan.id)).documents, [])
    assert.notInclude(await loanHistory(loan.id), 'loans.loan.document_uploaded')
  })
})
