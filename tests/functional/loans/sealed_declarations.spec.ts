import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Loan, { loanPersonalDataAad } from '#models/loan'
import EncryptLoanPersonalData from '#actions/loans/encrypt_loan_personal_data'
import DataKeyring from '#services/keys/data_keyring'
import { openJson } from '#services/keys/sealing'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { loanRow, submittedApplication } from '#tests/helpers/loan_review'

/**
 * Loan applicants' declarations (issue 13): purpose, monthly income and
 * obligations are sealed in loans.personal_data under the borrower's key
 * (plaintext columns NULL), opened by the Loan model for the assessment,
 * the API and the backoffice; rows written before sealing still read, and
 * the backfill seals them.
 */
test.group('Loans: sealed applicant declarations', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a submitted application stores its declarations only sealed; the model, the assessment and the backoffice page read them', async ({ client, assert }) => {
    const { loan, customerId, tag } = await submittedApplication()
    const row = await loanRow(loan.id)
    assert.isNull(row.monthly_income)
    assert.isNull(row.monthly_obligations)
    assert.isNull(row.purpose)
    assert.instanceOf(row.personal_data, Buffer)
    assert.notInclude(row.personal_data.toString('latin1'), 'Kitchen repairs')
    const key = await DataKeyring.forCustomer(customerId)
    assert.deepEqual(openJson(key!, row.personal_data, loanPersonalDataAad(loan.id)), {
      purpose: 'Kitchen repairs', monthlyIncome: '300000', monthlyObligations: '20000',
    })
    assert.throws(() => openJson(key!, row.personal_data, loanPersonalDataAad(loan.id + 1)), /unable to authenticate|Unsupported state/i)

    const found = await Loan.findOrFail(loan.id)
    assert.equal(found.monthlyIncome, 3_000_00n)
    assert.equal(found.monthlyObligations, 200_00n)
    assert.equal(found.purpose, 'Kitchen repairs')
    assert.isNotNull((row.assessment as { debtToIncomePpm: string | null }).debtToIncomePpm, 'the assessment used the income')

    const { agent } = await signedIn(client, 'loan_officer')
    const page = await agent.get(`/backoffice/loans/${loan.id}`, { inertia: true })
    page.assertStatus(200)
    assert.equal(page.inertiaProps.loan.purpose, 'Kitchen repairs')
    assert.deepEqual(page.inertiaProps.terms.monthlyIncome, { amount: '3000.00', currency: 'GBP' })
    assert.deepEqual(page.inertiaProps.terms.monthlyObligations, { amount: '200.00', currency: 'GBP' })
    assert.include(page.inertiaProps.applicant.fullName, tag)

    const queue = await agent.get('/backoffice/loans?status=all&perPage=100&sort=id&direction=desc', { inertia: true })
    const listed = JSON.stringify(queue.inertiaProps)
    assert.include(listed, `Ada ${tag} Lovelace`, 'the queue shows the customer name (opened, not joined)')
  })

  test('a saved change of status keeps the sealed declarations; a change of a declaration seals again', async ({ assert }) => {
    const { loan } = await submittedApplication()
    const before = (await loanRow(loan.id)).personal_data as Buffer
    const found = await Loan.findOrFail(loan.id)
    found.daysPastDue = 0
    found.decisionReason = 'note'
    await found.save()
    assert.isTrue(((await loanRow(loan.id)).personal_data as Buffer).equals(before), 'not re-sealed')
    found.monthlyObligations = 250_00n
    await found.save()
    const after = await loanRow(loan.id)
    assert.isFalse((after.personal_data as Buffer).equals(before))
    assert.isNull(after.monthly_obligations)
    assert.equal((await Loan.findOrFail(loan.id)).monthlyObligations, 250_00n)
  })

  test('a legacy row (plaintext, no personal_data) still reads; the backfill seals it and empties the plaintext, once', async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    await db.from('loans').where('id', loan.id).update({
      personal_data: null, purpose: 'Legacy roof', monthly_income: '410000', monthly_obligations: '5000',
      documents: JSON.stringify([{ id: '6f1c1c43-1111-4a5b-9c55-000000000001', name: 'old payslip.pdf', contentType: 'application/pdf', size: 10, uploadedAt: new Date().toISOString(), uploadedBy: { type: 'staff', id: 1 } }]),
    })
    const legacy = await Loan.findOrFail(loan.id)
    assert.equal(legacy.purpose, 'Legacy roof')
    assert.equal(legacy.monthlyIncome, 4_100_00n)
    assert.equal(legacy.documents[0].name, 'old payslip.pdf')

    const backfill = await app.container.make(EncryptLoanPersonalData)
    const result = await backfill.handle({ batchSize: 50 })
    assert.isAtLeast(result.sealed, 1)
    const row = await loanRow(loan.id)
    assert.isNull(row.purpose)
    assert.isNull(row.monthly_income)
    assert.instanceOf(row.personal_data, Buffer)
    assert.notProperty(row.documents[0], 'name')
    assert.isString(row.documents[0].sealedName)
    assert.notInclude(JSON.stringify(row.documents), 'old payslip')

    const sealed = await Loan.findOrFail(loan.id)
    assert.equal(sealed.purpose, 'Legacy roof')
    assert.equal(sealed.monthlyIncome, 4_100_00n)
    assert.equal(sealed.monthlyObligations, 50_00n)
    assert.equal(sealed.documents[0].name, 'old payslip.pdf')
    assert.deepEqual(await backfill.handle({ batchSize: 50 }), { sealed: 0, emptied: 0, batches: 0, remaining: 0 }, 'nothing left to seal')

    const { agent } = await signedIn(client, 'loan_officer')
    const page = await agent.get(`/backoffice/loans/${loan.id}`, { inertia: true })
    assert.deepEqual(page.inertiaProps.terms.monthlyIncome, { amount: '4100.00', currency: 'GBP' })
  })

  test("an erased borrower's loan reads no declarations; the backfill empties an erased borrower's plaintext without sealing", async ({ assert }) => {
    const { loan, customerId } = await submittedApplication()
    const other = await submittedApplication()
    await db.from('loans').where('id', other.loan.id).update({
      personal_data: null, purpose: 'Plain', monthly_income: '100', monthly_obligations: '0',
      documents: JSON.stringify([{ id: '6f1c1c43-1111-4a5b-9c55-000000000002', name: 'erased payslip.pdf', contentType: 'application/pdf', size: 10, uploadedAt: new Date().toISOString(), uploadedBy: { type: 'staff', id: 1 } }]),
    })
    assert.isTrue(await DataKeyring.destroyCustomerKey(customerId))
    assert.isTrue(await DataKeyring.destroyCustomerKey(other.customerId))

    const erased = await Loan.findOrFail(loan.id)
    assert.isTrue(erased.personalDataErased)
    assert.isNull(erased.purpose)
    assert.isNull(erased.monthlyIncome)
    erased.monthlyIncome = 1n
    await assert.rejects(() => erased.save(), /erased/i)

    const result = await (await app.container.make(EncryptLoanPersonalData)).handle({ batchSize: 50 })
    assert.isAtLeast(result.emptied, 1)
    const row = await loanRow(other.loan.id)
    assert.isNull(row.purpose)
    assert.isNull(row.monthly_income)
    assert.isNull(row.personal_data)
    assert.deepEqual(row.documents.map((d: Record<string, unknown>) => [d.id, d.name]), [['6f1c1c43-1111-4a5b-9c55-000000000002', undefined]], 'the name is gone, the entry stays')
  })
})
