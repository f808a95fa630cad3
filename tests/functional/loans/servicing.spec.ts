import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { addDays, addMonthsClamped } from '#domain/loans/loan_dates'
import { Money } from '#domain/money/money'
import { nextFlash, refusalOn, resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { balances } from '#tests/helpers/ledger'
import { disbursedLoan } from '#tests/helpers/loans'
import { loanRow, submittedApplication } from '#tests/helpers/loan_review'
import { repaidLoan } from '#tests/helpers/loan_servicing'

/**
 * Servicing a paid-out loan from its backoffice page: repayments and the
 * payoff taken at a branch, the write-off and repayment-reversal requests
 * (four-eyes, decided by a second person in the approvals inbox). The
 * loans: 1,200.00 over 12 months at 9.9% (tests/helpers/loans), started so
 * that the first instalment fell due ten days ago (the pages and the
 * controller work on today's date).
 */
const today = () => DateTime.utc().toISODate()!
const startDate = () => addDays(addMonthsClamped(today(), -1), -10)
const url = (id: number, step = '') => `/backoffice/loans/${id}${step ? `/${step}` : ''}`
const decimal = (minor: bigint) => `${Money.of(minor, 'GBP').toDecimalString()} GBP`

async function ledgerClean(assert: any) {
  const report = await (await app.container.make(LedgerVerifier)).verify()
  assert.deepEqual(report.discrepancies, [])
}

const repaymentsOf = (loanId: number) => db.from('loan_repayments').where('loan_id', loanId).orderBy('id')

/** Everything a servicing step could change: the loan, its repayments, its four-eyes requests, both accounts' balances */
async function snapshot(loan: { id: number; accountId: number | null; disbursementAccountId: number }) {
  return {
    loan: await loanRow(loan.id),
    repayments: await repaymentsOf(loan.id),
    approvals: await db.from('approvals').where({ subject_type: 'loan', subject_id: String(loan.id) }).orderBy('id'),
    borrower: await balances(loan.disbursementAccountId),
    receivable: await balances(loan.accountId!),
  }
}

test.group('Loan servicing: repayments at a branch', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a teller takes a partial repayment: debited once, the receivable lower, short of what is due so in arrears; the same form sent twice pays once', async ({ client, assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startDate(), funds: '100.00' })
    const { agent, staff } = await signedIn(client, 'teller')
    const page = await agent.get(url(loan.id), { inertia: true })
    assert.include(page.inertiaProps.can, { repay: true, writeOff: false, reverse: false })
    assert.isTrue(page.inertiaProps.servicing.open)
    assert.deepEqual(page.inertiaProps.servicing.repayments, [])
    const before = await snapshot(loan)

    const form = { type: 'amount', amount: '50.00', idempotencyKey: page.inertiaProps.servicing.keys.repayment }
    const first = await agent.post(url(loan.id, 'repayments'), form)
    assert.equal(first.header('location'), url(loan.id))
    const [row] = await repaymentsOf(loan.id)
    assert.include(row, { kind: 'repayment', amount: '5000', actor_type: 'staff', actor_id: String(staff.id) })
    assert.match((await agent.flashAfter(first)).success ?? '', /^Repayment of 50\.00 GBP taken from the borrower's account \(principal .+\); the loan is now in arrears\.$/)
    assert.equal((await balances(account.id)).balance, before.borrower.balance - 50_00n)
    assert.equal((await balances(loan.accountId!)).balance, before.receivable.balance - BigInt(row.principal))
    assert.equal((await loanRow(loan.id)).status, 'in_arrears', 'what was due ten days ago is still not all paid')

    const again = await agent.post(url(loan.id, 'repayments'), form)
    assert.match((await agent.flashAfter(again)).success ?? '', /already sent.*nothing was paid again/)
    assert.lengthOf(await repaymentsOf(loan.id), 1, 'the same form paid once')
    assert.equal((await balances(account.id)).balance, before.borrower.balance - 50_00n)

    const after = await agent.get(url(loan.id), { inertia: true })
    assert.notEqual(after.inertiaProps.servicing.keys.repayment, form.idempotencyKey, 'the next form gets a new key')
    assert.containsSubset(after.inertiaProps.servicing.repayments, [
      { id: Number(row.id), kind: 'repayment', date: today(), amount: { amount: '50.00', currency: 'GBP' }, reversedBy: null },
    ])
    await ledgerClean(assert)
  })

  test('an amount beyond what is due settles it (active again) and prepays principal: the remaining instalments are recomputed lower', async ({ client, assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startDate(), funds: '200.00' })
    const { agent } = await signedIn(client, 'teller')
    const page = await agent.get(url(loan.id), { inertia: true })
    const due = Money.fromDecimal(page.inertiaProps.servicing.payoffQuote.due.amount, 'GBP').minor
    const nextBefore = page.inertiaProps.schedule.instalments[1].total.amount
    const amount = due + 100_00n
    const borrowerBefore = (await balances(account.id)).balance
    await agent.post(url(loan.id, 'repayments'), { type: 'amount', amount: Money.of(amount, 'GBP').toDecimalString(), idempotencyKey: randomUUID() })
    assert.equal((await balances(account.id)).balance, borrowerBefore - amount)
    assert.equal((await loanRow(loan.id)).status, 'active')
    const after = await agent.get(url(loan.id), { inertia: true })
    assert.isTrue(after.inertiaProps.schedule.instalments[0].settled)
    const nextAfter = after.inertiaProps.schedule.instalments[1].total.amount
    assert.isTrue(Money.fromDecimal(nextAfter, 'GBP').minor < Money.fromDecimal(nextBefore, 'GBP').minor, `${nextAfter} < ${nextBefore}`)
    assert.lengthOf(after.inertiaProps.schedule.instalments, 12, 'the number of instalments is kept')
    await ledgerClean(assert)
  })

  test('refuses a malformed amount and one above the payoff, and nothing changes', async ({ client, assert }) => {
    const { loan } = await disbursedLoan({ startDate: startDate(), funds: '100.00' })
    const { agent } = await signedIn(client, 'loan_officer')
    const before = await snapshot(loan)
    ;(await agent.post(url(loan.id, 'repayments'), { type: 'amount', amount: '10.001', idempotencyKey: randomUUID() })).assertStatus(302)
    assert.property((await refusalOn(agent, url(loan.id))).errors, 'amount')
    ;(await agent.post(url(loan.id, 'repayments'), { type: 'amount', idempotencyKey: randomUUID() })).assertStatus(302)
    assert.property((await refusalOn(agent, url(loan.id))).errors, 'amount', 'an amount is required when paying an amount')
    ;(await agent.post(url(loan.id, 'repayments'), { type: 'amount', amount: '50.00', idempotencyKey: 'not-a-uuid' })).assertStatus(302)
    assert.property((await refusalOn(agent, url(loan.id))).errors, 'idempotencyKey')
    ;(await agent.post(url(loan.id, 'repayments'), { type: 'amount', amount: '99999.00', idempotencyKey: randomUUID() })).assertStatus(302)
    assert.match((await nextFlash(agent, url(loan.id))).error ?? '', /more than repaying the whole loan costs today/)
    assert.deepEqual(await snapshot(loan), before)
  })

  test("a payoff takes exactly today's quote shown on the page: receivable zero, paid off; sent twice it pays once", async ({ client, assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startDate(), funds: '500.00' })
    const { agent } = await signedIn(client, 'teller')
    const page = await agent.get(url(loan.id), { inertia: true })
    const quote = page.inertiaProps.servicing.payoffQuote
    assert.equal(quote.asOf, today())
    const total = Money.fromDecimal(quote.total.amount, 'GBP').minor
    const parts = ['due', 'futurePrincipal', 'accruedInterest'].map((k) => Money.fromDecimal(quote[k].amount, 'GBP').minor)
    assert.equal(parts.reduce((a, b) => a + b, 0n), total, 'due + principal not yet due + interest accrued = the payoff')
    const borrowerBefore = (await balances(account.id)).balance

    const form = { type: 'full', idempotencyKey: page.inertiaProps.servicing.keys.repayment }
    const response = await agent.post(url(loan.id, 'repayments'), form)
    assert.match((await agent.flashAfter(response)).success ?? '', new RegExp(`^Payoff of ${decimal(total).replace('.', '\\.')} taken .*the loan is now paid off\\.$`))
    assert.equal((await loanRow(loan.id)).status, 'paid_off')
    assert.equal((await balances(loan.accountId!)).balance, 0n)
    assert.equal((await balances(account.id)).balance, borrowerBefore - total)

    await agent.post(url(loan.id, 'repayments'), form)
    assert.lengthOf((await repaymentsOf(loan.id)).filter((r) => r.kind === 'payoff'), 1, 'paid once')
    assert.equal((await balances(account.id)).balance, borrowerBefore - total)

    const after = await agent.get(url(loan.id), { inertia: true })
    assert.include(after.inertiaProps.can, { repay: false, reverse: false })
    assert.include(after.inertiaProps.servicing, { open: false, payoffQuote: null })
    assert.match(after.inertiaProps.servicing.notReversible, /paid off/)
    await ledgerClean(assert)
  })
})

test.group('Loan servicing: write-off and reversal requests (four-eyes)', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a write-off request needs a reason, lands in the approvals inbox, and a second person approves it', async ({ client, assert }) => {
    const { loan } = await disbursedLoan({ startDate: startDate() })
    const officer = await signedIn(client, 'loan_officer')
    const checker = await signedIn(client, 'compliance')
    assert.isTrue((await officer.agent.get(url(loan.id), { inertia: true })).inertiaProps.can.writeOff)

    ;(await officer.agent.post(url(loan.id, 'write-off'), { reason: '', idempotencyKey: randomUUID() })).assertStatus(302)
    assert.property((await refusalOn(officer.agent, url(loan.id))).errors, 'reason')
    assert.lengthOf(await db.from('approvals').where({ subject_type: 'loan', subject_id: String(loan.id) }), 0)

    const form = { reason: 'Borrower insolvent', idempotencyKey: randomUUID() }
    const response = await officer.agent.post(url(loan.id, 'write-off'), form)
    const flash = (await officer.agent.flashAfter(response)).success ?? ''
    const approvalId = Number(/waiting for a second person \(approval #(\d+)\)/.exec(flash)?.[1])
    const approval = await db.from('approvals').where('id', approvalId).firstOrFail()
    assert.include(approval, { kind: 'loans.write_off', status: 'pending', maker_id: String(officer.staff.id), subject_id: String(loan.id) })
    await officer.agent.post(url(loan.id, 'write-off'), form)
    assert.lengthOf(await db.from('approvals').where({ kind: 'loans.write_off', subject_id: String(loan.id) }), 1, 'a form sent twice files one request')

    const page = await officer.agent.get(url(loan.id), { inertia: true })
    assert.isFalse(page.inertiaProps.can.writeOff, 'not while one is pending')
    assert.equal(page.inertiaProps.servicing.pendingWriteOff.id, approvalId)
    assert.equal((await loanRow(loan.id)).status, 'active', 'nothing is booked before a second person approves')

    const inbox = await checker.agent.get('/backoffice/approvals?kind=loans.write_off&sort=created_at&direction=desc', { inertia: true })
    assert.containsSubset(inbox.inertiaProps.approvals.data.find((r: any) => r.id === approvalId), { status: 'pending', can: { decide: true } })
    const decided = await checker.agent.post(`/backoffice/approvals/${approvalId}/approve`, {})
    assert.isNull((await checker.agent.flashAfter(decided)).error)
    assert.equal((await loanRow(loan.id)).status, 'written_off')
    assert.equal((await balances(loan.accountId!)).balance, 0n)
    const written = await officer.agent.get(url(loan.id), { inertia: true })
    assert.include(written.inertiaProps.can, { writeOff: false, repay: false })
    assert.equal(written.inertiaProps.servicing.repayments.at(-1).kind, 'write_off')
    await ledgerClean(assert)
  })

  test('only the latest repayment can be reversed; its request waits for a second person, who approves it', async ({ client, assert }) => {
    const { loan, account } = await disbursedLoan({ startDate: startDate(), funds: '100.00' })
    const teller = await signedIn(client, 'teller')
    const checker = await signedIn(client, 'compliance')
    for (const amount of ['10.00', '20.00']) {
      await teller.agent.post(url(loan.id, 'repayments'), { type: 'amount', amount, idempotencyKey: randomUUID() })
    }
    const [older, latest] = (await repaymentsOf(loan.id)).map((r) => Number(r.id))
    const borrowerBefore = (await balances(account.id)).balance
    const page = await teller.agent.get(url(loan.id), { inertia: true })
    assert.isTrue(page.inertiaProps.can.reverse)
    const rows = page.inertiaProps.servicing.repayments
    assert.deepEqual(rows.map((r: any) => [r.id, r.reverseUrl]), [[older, null], [latest, url(loan.id, `repayments/${latest}/reverse`)]])

    ;(await teller.agent.post(url(loan.id, `repayments/${older}/reverse`), { reason: 'Wrong loan', idempotencyKey: randomUUID() })).assertStatus(302)
    assert.match((await nextFlash(teller.agent, url(loan.id))).error ?? '', /Only the latest repayment/)
    ;(await teller.agent.post(url(loan.id, `repayments/${latest}/reverse`), { reason: '  ', idempotencyKey: randomUUID() })).assertStatus(302)
    assert.property((await refusalOn(teller.agent, url(loan.id))).errors, 'reason')
    assert.lengthOf(await db.from('approvals').where({ subject_type: 'loan', subject_id: String(loan.id) }), 0)

    const response = await teller.agent.post(url(loan.id, `repayments/${latest}/reverse`), { reason: 'Taken twice by mistake', idempotencyKey: randomUUID() })
    const flash = (await teller.agent.flashAfter(response)).success ?? ''
    assert.match(flash, new RegExp(`^The reversal of repayment #${latest} is waiting for a second person \\(approval #\\d+\\)\\.$`))
    const approvalId = Number(/approval #(\d+)/.exec(flash)![1])
    assert.include(await db.from('approvals').where('id', approvalId).firstOrFail(), { kind: 'loans.repayment_reversal', status: 'pending' })
    const waiting = await teller.agent.get(url(loan.id), { inertia: true })
    assert.isFalse(waiting.inertiaProps.can.reverse, 'not while one is pending')
    assert.equal(waiting.inertiaProps.servicing.repayments[1].reversalPending.id, approvalId)
    assert.equal((await balances(account.id)).balance, borrowerBefore, 'nothing moved yet')

    await checker.agent.post(`/backoffice/approvals/${approvalId}/approve`, {})
    assert.equal((await balances(account.id)).balance, borrowerBefore + 20_00n, 'the money went back')
    const reversed = await teller.agent.get(url(loan.id), { inertia: true })
    const [first, second, reversal] = reversed.inertiaProps.servicing.repayments
    assert.include(second, { id: latest, reverseUrl: null })
    assert.include(reversal, { kind: 'reversal', reverses: latest })
    assert.equal(second.reversedBy, reversal.id)
    assert.equal(first.reverseUrl, url(loan.id, `repayments/${older}/reverse`), 'the earlier one is now the latest standing')
    await ledgerClean(assert)
  })
})

test.group('Loan servicing: who may', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('an auditor sees the repayments but gets 403 on repaying, writing off and reversing, and nothing changes', async ({ client, assert }) => {
    const { loan, repayment } = await repaidLoan({ startDate: startDate(), funds: '100.00' })
    const { agent } = await signedIn(client, 'auditor')
    const page = await agent.get(url(loan.id), { inertia: true })
    assert.include(page.inertiaProps.can, { repay: false, writeOff: false, reverse: false })
    assert.deepEqual(page.inertiaProps.servicing.repayments.map((r: any) => [r.id, r.reverseUrl]), [[repayment.id, null]])
    const before = await snapshot(loan)
    ;(await agent.post(url(loan.id, 'repayments'), { type: 'full', idempotencyKey: randomUUID() })).assertStatus(403)
    ;(await agent.post(url(loan.id, 'write-off'), { reason: 'No', idempotencyKey: randomUUID() })).assertStatus(403)
    ;(await agent.post(url(loan.id, `repayments/${repayment.id}/reverse`), { reason: 'No', idempotencyKey: randomUUID() })).assertStatus(403)
    assert.deepEqual(await snapshot(loan), before)
    await ledgerClean(assert)
  })

  test('a loan not paid out has no servicing on its page', async ({ client, assert }) => {
    const { loan } = await submittedApplication()
    const { agent } = await signedIn(client, 'admin')
    const page = await agent.get(url(loan.id), { inertia: true })
    assert.isNull(page.inertiaProps.servicing)
    assert.include(page.inertiaProps.can, { repay: false, writeOff: false, reverse: false })
  })
})
