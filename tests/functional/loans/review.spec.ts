import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import DecideLoanApplication from '#actions/loans/decide_loan_application'
import TakeLoanApplication from '#actions/loans/take_loan_application'
import DisburseLoan from '#actions/loans/disburse_loan'
import { NO_REQUEST } from '#domain/audit/actor'
import { nextFlash, resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { balances } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'
import { applicationUnderReview, approvedApplication, loanHistory, loanRow, submittedApplication } from '#tests/helpers/loan_review'

const url = (id: number, step = '') => `/backoffice/loans/${id}${step ? `/${step}` : ''}`
const BIG = 15_000_00n /* above PERSONAL_LOAN's 10,000.00 second-officer threshold */

async function decide() {
  return app.container.make(DecideLoanApplication)
}

/** The loan row and its audit trail, to prove a refused step changed nothing */
async function snapshot(id: number) {
  return { row: await loanRow(id), history: await loanHistory(id) }
}

test.group('Loan review: taking and deciding', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('an officer takes a submitted application: under review, the officer its reviewer, audited', async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    const { agent, staff } = await signedIn(client, 'loan_officer')
    const response = await agent.post(url(loan.id, 'review'), {})
    response.assertStatus(302)
    assert.equal(response.header('location'), url(loan.id))
    assert.include(await loanRow(loan.id), { status: 'under_review', reviewer_id: String(staff.id) })
    assert.deepEqual(await loanHistory(loan.id), ['loans.loan.submitted', 'loans.loan.under_review'])
  })

  test('approves at or below the threshold: approved at once, with the officer and the reason', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'loan_officer')
    const { loan } = await applicationUnderReview(staff, { principal: 10_000_00n })
    const response = await agent.post(url(loan.id, 'approve'), { reason: 'Stable income', idempotencyKey: randomUUID() })
    assert.match((await agent.flashAfter(response)).success ?? '', /approved/)
    const row = await loanRow(loan.id)
    assert.include(row, { status: 'approved', decided_by: String(staff.id), second_approver_id: null, approval_id: null, decision_reason: 'Stable income' })
    assert.isNotNull(row.decided_at)
  })

  test('above the threshold: waits for a second officer, the maker cannot approve it, a second officer approves with both names', async ({ client, assert }) => {
    const first = await signedIn(client, 'loan_officer')
    const second = await signedIn(client, 'loan_officer')
    const { loan, tag } = await applicationUnderReview(first.staff, { principal: BIG })

    const response = await first.agent.post(url(loan.id, 'approve'), { reason: 'Good history', idempotencyKey: randomUUID() })
    assert.match((await first.agent.flashAfter(response)).success ?? '', /waits for a second officer/)
    const waiting = await loanRow(loan.id)
    assert.equal(waiting.status, 'under_review')
    const approval = await db.from('approvals').where('id', waiting.approval_id).firstOrFail()
    assert.include(approval, { kind: 'loans.approval', status: 'pending', maker_id: String(first.staff.id), subject_type: 'loan' })

    const page = await first.agent.get(url(loan.id), { inertia: true })
    assert.equal(page.inertiaProps.approval.status, 'pending')
    assert.isFalse(page.inertiaProps.can.approve, 'no second request while one waits')

    const inbox = await second.agent.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    const lines = Object.fromEntries(inbox.inertiaProps.approval.payload.map((l: { label: string; value: string }) => [l.label, l.value]))
    assert.equal(lines.Customer, `C${tag}`, 'the customer by number: the approval row keeps no name (personal data)')
    assert.notInclude(JSON.stringify(approval), 'Lovelace')
    assert.equal(lines.Principal, '15000.00 GBP')
    assert.match(lines.Product, /^Personal loan \(version 1\)$/)

    const own = await first.agent.post(`/backoffice/approvals/${approval.id}/approve`, {})
    own.assertStatus(403)
    assert.equal((await loanRow(loan.id)).status, 'under_review', 'the maker cannot approve their own request')

    const checked = await second.agent.post(`/backoffice/approvals/${approval.id}/approve`, {})
    assert.isNull((await second.agent.flashAfter(checked)).error)
    assert.include(await loanRow(loan.id), {
      status: 'approved', decided_by: String(first.staff.id), second_approver_id: String(second.staff.id), decision_reason: 'Good history',
    })
    assert.deepEqual((await loanHistory(loan.id)).slice(-2), ['loans.loan.approval_requested', 'loans.loan.approved'])
  })

  test('a second approval request while one is pending is refused with a clear error; the same form sent twice files one', async ({ assert }) => {
    const { staff: officer } = await createStaff({ role: 'loan_officer' })
    const { staff: other } = await createStaff({ role: 'loan_officer' })
    const { loan } = await applicationUnderReview(officer, { principal: BIG })
    const key = randomUUID()
    const action = await decide()
    const first = await action.handle({ loanId: loan.id, decision: 'approve', idempotencyKey: key, staff: officer, context: NO_REQUEST })
    const again = await action.handle({ loanId: loan.id, decision: 'approve', idempotencyKey: key, staff: officer, context: NO_REQUEST })
    assert.equal(again.approval!.id, first.approval!.id)
    const before = await snapshot(loan.id)
    for (const attempt of [
      { decision: 'approve' as const, idempotencyKey: randomUUID(), staff: other },
      { decision: 'reject' as const, reason: 'Too risky', staff: other },
    ]) {
      await assert.rejects(() => action.handle({ loanId: loan.id, context: NO_REQUEST, ...attempt }), /already waiting for a second officer/)
    }
    const error = await action.handle({ loanId: loan.id, decision: 'approve', idempotencyKey: randomUUID(), staff: other, context: NO_REQUEST }).catch((e) => e)
    assert.equal(error.code, 'E_LOAN_APPROVAL_PENDING')
    assert.deepEqual(await snapshot(loan.id), before)
    assert.lengthOf(await db.from('approvals').where({ kind: 'loans.approval', subject_id: String(loan.id) }), 1)
  })

  test('a rejected second-officer request leaves the application under review, and the page says so', async ({ client, assert }) => {
    const first = await signedIn(client, 'loan_officer')
    const second = await signedIn(client, 'admin')
    const { loan } = await applicationUnderReview(first.staff, { principal: BIG })
    await first.agent.post(url(loan.id, 'approve'), { idempotencyKey: randomUUID() })
    const approvalId = (await loanRow(loan.id)).approval_id
    await second.agent.post(`/backoffice/approvals/${approvalId}/reject`, { reason: 'Income not evidenced' })
    assert.equal((await loanRow(loan.id)).status, 'under_review')
    const page = await first.agent.get(url(loan.id), { inertia: true })
    assert.include(page.inertiaProps.approval, { status: 'rejected', decisionReason: 'Income not evidenced' })
    assert.isTrue(page.inertiaProps.can.approve, 'the officer may decide again')
    assert.isTrue(page.inertiaProps.can.reject)
  })

  test('a second officer cannot approve a request whose application was withdrawn meanwhile: refused, the request stays pending', async ({ client, assert }) => {
    const { staff: first } = await createStaff({ role: 'loan_officer' })
    const second = await signedIn(client, 'loan_officer')
    const { loan } = await applicationUnderReview(first, { principal: BIG })
    const { approval } = await (await decide()).handle({ loanId: loan.id, decision: 'approve', idempotencyKey: randomUUID(), staff: first, context: NO_REQUEST })
    const { default: WithdrawLoanApplication } = await import('#actions/loans/withdraw_loan_application')
    await new WithdrawLoanApplication().handle({ loanId: loan.id, actor: { type: 'customer', id: loan.customerId }, context: NO_REQUEST })
    ;(await second.agent.post(`/backoffice/approvals/${approval!.id}/approve`, {})).assertStatus(302)
    assert.match((await nextFlash(second.agent, `/backoffice/approvals/${approval!.id}`)).error ?? '', /withdrawn application cannot be approved/)
    assert.include(await loanRow(loan.id), { status: 'withdrawn', decided_by: null, second_approver_id: null })
    assert.equal((await db.from('approvals').where('id', approval!.id).firstOrFail()).status, 'pending')
  })

  test('reject needs a reason: without one nothing changes; with one the application is rejected', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'loan_officer')
    const { loan } = await applicationUnderReview(staff)
    const before = await snapshot(loan.id)
    ;(await agent.post(url(loan.id, 'reject'), { reason: '' })).assertStatus(302)
    const refused = await agent.get(url(loan.id), { inertia: true })
    assert.property(refused.inertiaProps.errors, 'reason')
    assert.deepEqual(await snapshot(loan.id), before)

    await agent.post(url(loan.id, 'reject'), { reason: 'Debt to income above the limit' })
    assert.include(await loanRow(loan.id), { status: 'rejected', decided_by: String(staff.id), decision_reason: 'Debt to income above the limit' })
    const [audit] = await db.from('audit_events').where({ subject_type: 'loan', subject_id: String(loan.id), action: 'loans.loan.rejected' })
    assert.equal(audit.after.reason, 'Debt to income above the limit')
  })

  test('a teller cannot take, approve, reject or disburse (403) and nothing changes', async ({ client, assert }) => {
    const { staff: officer } = await createStaff({ role: 'loan_officer' })
    const { loan } = await applicationUnderReview(officer)
    const { agent } = await signedIn(client, 'teller')
    const before = await snapshot(loan.id)
    ;(await agent.post(url(loan.id, 'approve'), { idempotencyKey: randomUUID() })).assertStatus(403)
    ;(await agent.post(url(loan.id, 'reject'), { reason: 'No' })).assertStatus(403)
    ;(await agent.post(url(loan.id, 'review'), {})).assertStatus(403)
    ;(await agent.post(url(loan.id, 'disburse'), {})).assertStatus(403)
    assert.deepEqual(await snapshot(loan.id), before)
  })
})

test.group('Loan review: illegal transitions', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('every illegal step is refused with E_LOAN_TRANSITION_REFUSED and changes nothing', async ({ assert }) => {
    const { staff } = await createStaff({ role: 'loan_officer' })
    const action = await decide()
    const take = await app.container.make(TakeLoanApplication)
    const rejected = await applicationUnderReview(staff)
    await action.handle({ loanId: rejected.loan.id, decision: 'reject', reason: 'No income', staff, context: NO_REQUEST })
    const approved = await approvedApplication(staff)
    const submitted = await submittedApplication()
    const bigSubmitted = await submittedApplication({ principal: BIG })

    const attempts: Array<[string, number, () => Promise<unknown>]> = [
      ['approve a rejected one', rejected.loan.id, () => action.handle({ loanId: rejected.loan.id, decision: 'approve', idempotencyKey: randomUUID(), staff, context: NO_REQUEST })],
      ['review an approved one', approved.loan.id, () => take.handle({ loanId: approved.loan.id, staff, context: NO_REQUEST })],
      ['reject an approved one', approved.loan.id, () => action.handle({ loanId: approved.loan.id, decision: 'reject', reason: 'Changed my mind', staff, context: NO_REQUEST })],
      ['approve one not taken for review', submitted.loan.id, () => action.handle({ loanId: submitted.loan.id, decision: 'approve', idempotencyKey: randomUUID(), staff, context: NO_REQUEST })],
      ['file a second-officer request for one not under review', bigSubmitted.loan.id, () => action.handle({ loanId: bigSubmitted.loan.id, decision: 'approve', idempotencyKey: randomUUID(), staff, context: NO_REQUEST })],
      ['disburse one not approved', submitted.loan.id, async () => (await app.container.make(DisburseLoan)).handle({ loanId: submitted.loan.id, staff, context: NO_REQUEST })],
    ]
    for (const [name, loanId, attempt] of attempts) {
      const before = await snapshot(loanId)
      const error = await attempt().then(() => null, (e) => e)
      assert.equal(error?.code, 'E_LOAN_TRANSITION_REFUSED', name)
      assert.equal(error?.status, 409, name)
      assert.deepEqual(await snapshot(loanId), before, `${name}: nothing changed`)
    }
    assert.lengthOf(await db.from('approvals').where({ kind: 'loans.approval', subject_id: String(bigSubmitted.loan.id) }), 0)
  })

  test('over HTTP a refused step flashes the reason and leaves the loan as it was', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'loan_officer')
    const { loan } = await approvedApplication(staff)
    const before = await snapshot(loan.id)
    const response = await agent.post(url(loan.id, 'review'), {})
    response.assertStatus(302)
    assert.equal((await nextFlash(agent, url(loan.id))).error, 'An approved application cannot be put under review')
    assert.deepEqual(await snapshot(loan.id), before)
  })

  test('two officers approving at once: one wins, the other is refused', async ({ assert }) => {
    const { staff: a } = await createStaff({ role: 'loan_officer' })
    const { staff: b } = await createStaff({ role: 'loan_officer' })
    const { loan } = await applicationUnderReview(a)
    const action = await decide()
    const results = await Promise.allSettled(
      [a, b].map((staff) => action.handle({ loanId: loan.id, decision: 'approve', idempotencyKey: randomUUID(), staff, context: NO_REQUEST }))
    )
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    assert.lengthOf(won, 1)
    assert.lengthOf(lost, 1)
    assert.equal(lost[0].reason.code, 'E_LOAN_TRANSITION_REFUSED')
    assert.equal((await loanRow(loan.id)).status, 'approved')
    assert.lengthOf((await loanHistory(loan.id)).filter((action) => action === 'loans.loan.approved'), 1)
  })
})

test.group('Loan review: notes, withdrawal, disbursement, applications at a branch', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('notes are appended in order with their officer, audited, and shown on the page', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'loan_officer')
    const { loan } = await submittedApplication()
    await agent.post(url(loan.id, 'notes'), { note: 'Called the employer' })
    await agent.post(url(loan.id, 'notes'), { note: 'Payslips match' })
    const notes = await db.from('loan_notes').where('loan_id', loan.id).orderBy('id')
    assert.deepEqual(notes.map((n) => [n.body, n.staff_id]), [['Called the employer', String(staff.id)], ['Payslips match', String(staff.id)]])
    assert.lengthOf((await loanHistory(loan.id)).filter((a) => a === 'loans.loan.note_added'), 2)
    const page = await agent.get(url(loan.id), { inertia: true })
    assert.deepEqual(page.inertiaProps.notes.map((n: { body: string }) => n.body), ['Called the employer', 'Payslips match'])
    await assert.rejects(() => db.from('loan_notes').where('id', notes[0].id).update({ body: 'changed' }))
  })

  test("staff withdraw an application at the customer's request, with the reason audited", async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'teller')
    const { loan } = await submittedApplication()
    ;(await agent.post(url(loan.id, 'withdraw'), { reason: '' })).assertStatus(302)
    assert.equal((await loanRow(loan.id)).status, 'submitted', 'a reason is required')
    await agent.post(url(loan.id, 'withdraw'), { reason: 'Customer phoned the branch' })
    assert.equal((await loanRow(loan.id)).status, 'withdrawn')
    const [audit] = await db.from('audit_events').where({ subject_type: 'loan', subject_id: String(loan.id), action: 'loans.loan.withdrawn' })
    assert.include(audit, { actor_type: 'staff' })
    assert.equal(audit.after.reason, 'Customer phoned the branch')
  })

  test("disbursing an approved loan makes it active and credits the borrower's account principal − fee", async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'loan_officer')
    const { loan, account } = await approvedApplication(staff, { principal: 5_000_00n })
    const before = await balances(account.id)
    const response = await agent.post(url(loan.id, 'disburse'), {})
    assert.match((await agent.flashAfter(response)).success ?? '', /4950\.00 GBP paid into/)
    const row = await loanRow(loan.id)
    assert.equal(row.status, 'active')
    assert.equal((await balances(account.id)).balance - before.balance, 5_000_00n - 50_00n, 'principal less the 1% fee')
    const page = await agent.get(url(loan.id), { inertia: true })
    assert.equal(page.inertiaProps.schedule.kind, 'stored')
    assert.lengthOf(page.inertiaProps.schedule.instalments, 12)
    assert.isFalse(page.inertiaProps.can.disburse)
    const again = await agent.post(url(loan.id, 'disburse'), {})
    assert.match((await agent.flashAfter(again)).success ?? '', /already disbursed; nothing was paid again/, 'a stale form (double click) pays nothing more')
    assert.equal((await balances(account.id)).balance - before.balance, 4_950_00n, 'paid once')
  })

  test('a teller applies on behalf of a customer: submitted through the backoffice channel, with the teller named', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'teller')
    const { customerId, account, product, loan } = await submittedApplication()
    const create = await agent.get(`/backoffice/customers/${customerId}/loans/create`, { inertia: true })
    assert.include(create.inertiaProps.products.map((p: { id: number }) => p.id), product.id)
    assert.deepEqual(create.inertiaProps.accounts.map((a: { id: number }) => a.id), [account.id])

    const bad = await agent.post(`/backoffice/customers/${customerId}/loans`, {
      productId: product.id, principal: '2500.001', termCount: 12, purpose: 'New boiler', monthlyIncome: '2800', monthlyObligations: '0', disbursementAccountId: account.id,
    })
    bad.assertStatus(302)
    const response = await agent.post(`/backoffice/customers/${customerId}/loans`, {
      productId: product.id, principal: '2500.00', termCount: 12, purpose: 'New boiler', monthlyIncome: '2800', monthlyObligations: '150.50', disbursementAccountId: account.id,
    })
    const loans = await db.from('loans').where('customer_id', customerId).orderBy('id')
    assert.lengthOf(loans, 2, 'the malformed amount filed nothing')
    const created = loans[1]
    assert.equal(response.header('location'), url(Number(created.id)))
    assert.include(created, { channel: 'backoffice', submitted_by: String(staff.id), status: 'submitted', principal: '250000', monthly_obligations: null })
    assert.equal((await Loan.findOrFail(Number(created.id))).monthlyObligations, 150_50n, 'sealed in personal_data')
    const customerPage = await agent.get(`/backoffice/customers/${customerId}`, { inertia: true })
    assert.deepEqual(customerPage.inertiaProps.loans.map((l: { id: number }) => l.id), [Number(created.id), loan.id], 'newest first')
    assert.equal(customerPage.inertiaProps.urls.newLoan, `/backoffice/customers/${customerId}/loans/create`)
    assert.isTrue(customerPage.inertiaProps.can.applyForLoan)
  })
})

test.group('Loan review: the queue and the loan page', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('the queue lists waiting applications oldest first and filters by status, product, amount and date on the server', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'auditor')
    const older = await submittedApplication({ principal: 2_000_00n })
    const newer = await submittedApplication({ principal: 7_000_00n })
    await db.from('loans').where('id', older.loan.id).update({ submitted_at: '2020-01-02T10:00:00Z' })
    await db.from('loans').where('id', newer.loan.id).update({ submitted_at: '2020-01-03T10:00:00Z' })
    const ids = (page: any) => page.inertiaProps.loans.data.map((l: { id: number }) => l.id)

    const queue = await agent.get('/backoffice/loans?perPage=100', { inertia: true })
    const order = ids(queue).filter((id: number) => [older.loan.id, newer.loan.id].includes(id))
    assert.deepEqual(order, [older.loan.id, newer.loan.id])
    assert.equal(queue.inertiaProps.filters.status, 'queue')

    const byProduct = await agent.get(`/backoffice/loans?product=${newer.product.id}`, { inertia: true })
    assert.deepEqual(ids(byProduct), [newer.loan.id])
    const byAmount = await agent.get(`/backoffice/loans?status=all&minAmount=6999.99&maxAmount=7000&submittedBefore=2020-01-04`, { inertia: true })
    assert.include(ids(byAmount), newer.loan.id)
    assert.notInclude(ids(byAmount), older.loan.id)
    const byDate = await agent.get('/backoffice/loans?submittedBefore=2020-01-03', { inertia: true })
    assert.include(ids(byDate), older.loan.id)
    assert.notInclude(ids(byDate), newer.loan.id)
    await (await app.container.make(TakeLoanApplication)).handle({ loanId: older.loan.id, staff: (await createStaff({ role: 'loan_officer' })).staff, context: NO_REQUEST })
    const submittedOnly = await agent.get('/backoffice/loans?status=submitted&submittedBefore=2020-01-04', { inertia: true })
    assert.deepEqual(ids(submittedOnly), [newer.loan.id])
    const bad = await agent.get('/backoffice/loans?status=nonsense')
    bad.assertStatus(422)
    assert.isDefined(staff)
  })

  test('the loan page shows the applicant, the assessment, a schedule preview from today and flags by role', async ({ client, assert }) => {
    const { loan, customerId, tag } = await submittedApplication()
    const officer = await signedIn(client, 'loan_officer')
    const auditor = await signedIn(client, 'auditor')
    const page = await officer.agent.get(url(loan.id), { inertia: true })
    const props = page.inertiaProps
    assert.include(props.applicant, { id: customerId, fullName: `Ada ${tag} Lovelace`, kycStatus: 'verified' })
    assert.deepEqual(props.terms.principal, { amount: '5000.00', currency: 'GBP' })
    assert.equal(props.terms.annualRate, '9.9%')
    assert.equal(props.assessment.recommendation, loan.recommendation)
    assert.isAbove(props.assessment.checks.length, 3)
    assert.isString(props.assessment.checks[0].reason)
    assert.equal(props.schedule.kind, 'preview')
    assert.equal(props.schedule.startDate, new Date().toISOString().slice(0, 10))
    assert.lengthOf(props.schedule.instalments, 12)
    assert.deepInclude(props.history.map((h: { action: string }) => h.action), 'loans.loan.submitted')
    assert.include(props.can, { review: true, approve: false, note: true, disburse: false, withdraw: true })
    const readOnly = await auditor.agent.get(url(loan.id), { inertia: true })
    assert.isFalse(Object.values(readOnly.inertiaProps.can).some(Boolean), 'an auditor only reads')
  })
})
