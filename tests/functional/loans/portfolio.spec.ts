import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import Customer from '#models/customer'
import DisburseLoan from '#actions/loans/disburse_loan'
import PortfolioQueries from '#queries/loans/portfolio_queries'
import { parseDelinquencyBuckets } from '#domain/loans/arrears'
import { NO_REQUEST } from '#domain/audit/actor'
import { createCustomer, fundAccount, openAccount } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'
import { createLoanProduct } from '#tests/helpers/loans'
import { signedIn } from '#tests/helpers/backoffice'
import type { StaffAgent } from '#tests/helpers/staff_agent'

/**
 * The portfolio page and its CSV over real rows: loans disbursed through
 * DisburseLoan (receivable, schedule), then put in arrears and repaid with
 * rows written as the collection run would (owner connection). Nothing is
 * truncated between specs, so page figures are checked as exact
 * differences from a reading taken before the rows were made, and figures
 * of products made here exactly.
 */

const owner = () => db.connection('owner')
const utcDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)
const firstOfPreviousMonth = () => {
  const now = new Date()
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10)
}

async function bookLoan(input: { versionId: number; currency: string; principal: bigint; fee: bigint; businessDate: string; name?: string }) {
  const customerId = await createCustomer()
  if (input.name) {
    /* names are sealed: set through the model */
    const named = await Customer.findOrFail(customerId)
    named.fullName = input.name
    await named.save()
  }
  const account = await openAccount(customerId, { currency: input.currency })
  const loan = await Loan.create({
    customerId,
    productVersionId: input.versionId,
    status: 'approved',
    currency: input.currency,
    principal: input.principal,
    termCount: 12,
    annualRatePpm: 99_000n,
    frequency: 'monthly',
    amortisation: 'annuity',
    originationFee: input.fee,
    purpose: 'Portfolio',
    monthlyIncome: 3_000_00n,
    monthlyObligations: 0n,
    disbursementAccountId: account.id,
    documents: [],
    channel: 'api',
  })
  const { staff } = await createStaff({ role: 'loan_officer' })
  const result = await (await app.container.make(DisburseLoan)).handle({ loanId: loan.id, staff, context: NO_REQUEST, businessDate: input.businessDate })
  const row = await db.from('customers').where('id', customerId).firstOrFail()
  const customer = { ...row, full_name: (await Customer.findOrFail(customerId)).fullName }
  return { loan: result.loan, account, customer, disbursementTransactionId: result.transactionId }
}

/** An application that was never paid out */
async function application(versionId: number, status: 'submitted' | 'rejected') {
  const customerId = await createCustomer()
  const account = await openAccount(customerId)
  return Loan.create({
    customerId, productVersionId: versionId, status, currency: 'GBP', principal: 1_000_00n, termCount: 12, annualRatePpm: 99_000n,
    frequency: 'monthly', amortisation: 'annuity', originationFee: 0n, purpose: 'Portfolio', monthlyIncome: 3_000_00n,
    monthlyObligations: 0n, disbursementAccountId: account.id, documents: [], channel: 'api',
  })
}

async function inArrears(loanId: number, days: number) {
  await owner().from('loans').where('id', loanId).update({ status: 'in_arrears', days_past_due: days })
}

/** What instalments due before today still owe (every component), read from the stored schedule */
async function overdueOf(loanId: number): Promise<bigint> {
  const rows = await db.from('loan_instalments').where('loan_id', loanId).where('due_date', '<', utcDay())
  return rows.reduce(
    (sum, r) => sum + BigInt(r.principal) - BigInt(r.principal_paid) + BigInt(r.interest) - BigInt(r.interest_paid) + BigInt(r.fee) - BigInt(r.fee_paid),
    0n
  )
}

/** A repayment row as the collection run writes it (the ledger transaction is any posting: its id only links the row) */
async function repayment(loanId: number, kind: string, businessDate: string, amount: bigint, transactionId: number, reversesId: number | null = null) {
  const [row] = await owner()
    .table('loan_repayments')
    .insert({
      loan_id: loanId, kind, business_date: businessDate, amount: amount.toString(), principal: amount.toString(),
      interest: '0', fee: '0', penalty: '0', allocation: JSON.stringify([]), transaction_id: transactionId,
      reverses_id: reversesId, actor_type: 'system', actor_id: 'tests',
    })
    .returning('id')
  return Number(row.id)
}

async function postingId(currency = 'GBP') {
  const customerId = await createCustomer()
  const account = await openAccount(customerId, { currency })
  return Number((await fundAccount(account, '1.00')).transaction.id)
}

async function page(agent: StaffAgent, query = '') {
  const response = await agent.get(`/backoffice/loans/portfolio${query}`, { inertia: true })
  response.assertStatus(200)
  response.assertInertiaComponent('backoffice/loans/portfolio')
  return response.inertiaProps as any
}

const minor = (amount: { amount: string; currency: string }) => BigInt(amount.amount.replace('.', ''))
const totalOf = (props: any, currency: string) => props.totals.find((t: any) => t.currency === currency)
const zeroTotals = { loans: 0, outstanding: 0n, pastDueLoans: 0, pastDueOutstanding: 0n, overdue: 0n }
const totalsIn = (props: any, currency: string) => {
  const t = totalOf(props, currency)
  return t
    ? { loans: t.loans, outstanding: minor(t.outstanding), pastDueLoans: t.pastDueLoans, pastDueOutstanding: minor(t.pastDueOutstanding), overdue: minor(t.overdue) }
    : zeroTotals
}
const bucketLine = (props: any, code: string, currency: string) => {
  const line = props.arrears.find((a: any) => a.bucket.code === code).byCurrency.find((l: any) => l.currency === currency)
  return line ? { loans: line.loans, outstanding: minor(line.outstanding), overdue: minor(line.overdue) } : { loans: 0, outstanding: 0n, overdue: 0n }
}
const flowPoint = (props: any, currency: string, period: string) => {
  const point = props.flows.series.find((s: any) => s.currency === currency)?.points.find((p: any) => p.period === period)
  return point ? { count: point.disbursedCount, disbursed: minor(point.disbursed), collected: minor(point.collected) } : { count: 0, disbursed: 0n, collected: 0n }
}

/** Three booked loans (GBP current, GBP 45 days past due, EUR 95 days past due), one submitted and one rejected application */
async function portfolio() {
  const gbp = await createLoanProduct({ name: 'Portfolio GBP loan' })
  const eur = await createLoanProduct({ name: 'Portfolio EUR loan', currency: 'EUR' })
  const current = await bookLoan({ versionId: gbp.version.id, currency: 'GBP', principal: 6_000_00n, fee: 60_00n, businessDate: utcDay(-5) })
  const late = await bookLoan({ versionId: gbp.version.id, currency: 'GBP', principal: 2_000_00n, fee: 0n, businessDate: utcDay(-70) })
  const later = await bookLoan({ versionId: eur.version.id, currency: 'EUR', principal: 3_000_00n, fee: 30_00n, businessDate: utcDay(-130), name: '=HYPERLINK("http://x.test","pay")' })
  await inArrears(late.loan.id, 45)
  await inArrears(later.loan.id, 95)
  /* part of the first late instalment's interest was paid; the third falls due today (not overdue yet) */
  await owner().from('loan_instalments').where({ loan_id: late.loan.id, number: 1 }).update({ interest_paid: 5_00 })
  await owner().from('loan_instalments').where({ loan_id: late.loan.id, number: 3 }).update({ due_date: utcDay() })
  for (const status of ['submitted', 'rejected'] as const) await application(gbp.version.id, status)
  return { gbp, eur, current, late, later }
}

test.group('Loan portfolio page', () => {
  test('outstanding by product and currency, statuses, arrears buckets and the longest overdue are exact', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'auditor')
    const before = await page(agent)
    const { gbp, eur, current, late, later } = await portfolio()
    const after = await page(agent)

    const lateOverdue = await overdueOf(late.loan.id)
    const laterOverdue = await overdueOf(later.loan.id)
    assert.isAbove(Number(lateOverdue), 0)
    /* the first two instalments of the GBP loan are overdue, the third (due today) not yet; 5.00 of interest was paid */
    const lateRows = await db.from('loan_instalments').where('loan_id', late.loan.id).whereIn('number', [1, 2])
    assert.equal(lateOverdue, lateRows.reduce((s, r) => s + BigInt(r.principal) + BigInt(r.interest), 0n) - 5_00n)

    const product = (id: number) => after.products.filter((p: any) => p.productId === id)
    assert.deepEqual(product(gbp.product.id).map((p: any) => [p.currency, p.loans, p.principal, p.outstanding]), [
      ['GBP', 2, { amount: '8000.00', currency: 'GBP' }, { amount: '8000.00', currency: 'GBP' }],
    ])
    assert.deepEqual(product(eur.product.id).map((p: any) => [p.currency, p.loans, p.outstanding]), [['EUR', 1, { amount: '3000.00', currency: 'EUR' }]])

    const delta = (status: string) => after.statuses[status] - before.statuses[status]
    assert.deepEqual(
      ['submitted', 'rejected', 'active', 'in_arrears', 'paid_off'].map(delta),
      [1, 1, 1, 2, 0]
    )

    const gbpBefore = totalsIn(before, 'GBP')
    const gbpAfter = totalsIn(after, 'GBP')
    assert.deepEqual(
      {
        loans: gbpAfter.loans - gbpBefore.loans,
        outstanding: gbpAfter.outstanding - gbpBefore.outstanding,
        pastDueLoans: gbpAfter.pastDueLoans - gbpBefore.pastDueLoans,
        pastDueOutstanding: gbpAfter.pastDueOutstanding - gbpBefore.pastDueOutstanding,
        overdue: gbpAfter.overdue - gbpBefore.overdue,
      },
      { loans: 2, outstanding: 8_000_00n, pastDueLoans: 1, pastDueOutstanding: 2_000_00n, overdue: lateOverdue }
    )
    assert.equal(totalsIn(after, 'EUR').overdue - totalsIn(before, 'EUR').overdue, laterOverdue)
    assert.equal(totalsIn(after, 'EUR').outstanding - totalsIn(before, 'EUR').outstanding, 3_000_00n, 'EUR never added to GBP')

    const bucketDelta = (code: string, currency: string) => {
      const [a, b] = [bucketLine(after, code, currency), bucketLine(before, code, currency)]
      return [a.loans - b.loans, a.outstanding - b.outstanding, a.overdue - b.overdue]
    }
    assert.deepEqual(after.arrears.map((a: any) => a.bucket.code), ['1-30', '31-60', '61-90', '90+'])
    assert.deepEqual(bucketDelta('31-60', 'GBP'), [1, 2_000_00n, lateOverdue])
    assert.deepEqual(bucketDelta('90+', 'EUR'), [1, 3_000_00n, laterOverdue])
    assert.deepEqual(bucketDelta('1-30', 'GBP'), [0, 0n, 0n])

    const top = after.topOverdue.filter((l: any) => [late.loan.id, later.loan.id, current.loan.id].includes(l.id))
    assert.deepEqual(
      top.map((l: any) => [l.id, l.daysPastDue, l.bucket, l.customerName, l.productName, l.outstanding, l.url]),
      [
        [later.loan.id, 95, '90+', later.customer.full_name, 'Portfolio EUR loan', { amount: '3000.00', currency: 'EUR' }, `/backoffice/loans/${later.loan.id}`],
        [late.loan.id, 45, '31-60', late.customer.full_name, 'Portfolio GBP loan', { amount: '2000.00', currency: 'GBP' }, `/backoffice/loans/${late.loan.id}`],
      ]
    )
    const days = after.topOverdue.map((l: any) => l.daysPastDue)
    assert.deepEqual(days, [...days].sort((a: number, b: number) => b - a), 'longest overdue first')
    assert.equal(after.can.export, true)
  })

  test('disbursements and collections per month and per day, per currency, net of reversals, without write-offs', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'teller')
    const thisMonth = `${utcDay().slice(0, 7)}-01`
    const lastMonth = firstOfPreviousMonth()
    const before = await page(agent)
    const beforeDays = await page(agent, '?granularity=day&periods=7')

    const { current, late, later } = await portfolio()
    /* the GBP loan in arrears was paid out last month (by its disbursed_at) */
    await owner().from('loans').where('id', late.loan.id).update({ disbursed_at: `${lastMonth}T12:00:00Z` })
    await repayment(current.loan.id, 'repayment', utcDay(), 100_00n, await postingId())
    const mistaken = await repayment(current.loan.id, 'collection', utcDay(), 40_00n, await postingId())
    await repayment(current.loan.id, 'reversal', utcDay(), 40_00n, await postingId(), mistaken)
    await repayment(late.loan.id, 'write_off', utcDay(), 500_00n, await postingId())
    await repayment(late.loan.id, 'collection', lastMonth, 50_00n, await postingId())
    await repayment(later.loan.id, 'payoff', utcDay(), 12_34n, await postingId('EUR'))

    const after = await page(agent)
    assert.equal(after.flows.granularity, 'month')
    const gbp = after.flows.series.find((s: any) => s.currency === 'GBP')
    assert.lengthOf(gbp.points, 12)
    assert.equal(gbp.points.at(-1).period, thisMonth)
    assert.equal(gbp.points.at(-2).period, lastMonth)

    const change = (props: any, was: any, currency: string, period: string) => {
      const [a, b] = [flowPoint(props, currency, period), flowPoint(was, currency, period)]
      return [a.count - b.count, a.disbursed - b.disbursed, a.collected - b.collected]
    }
    assert.deepEqual(change(after, before, 'GBP', thisMonth), [1, 6_000_00n, 100_00n])
    assert.deepEqual(change(after, before, 'GBP', lastMonth), [1, 2_000_00n, 50_00n])
    assert.deepEqual(change(after, before, 'EUR', thisMonth), [1, 3_000_00n, 12_34n])

    const afterDays = await page(agent, '?granularity=day&periods=7')
    const today = utcDay()
    assert.lengthOf(afterDays.flows.series.find((s: any) => s.currency === 'GBP').points, 7)
    assert.deepEqual(change(afterDays, beforeDays, 'GBP', today), [1, 6_000_00n, 100_00n])
  })

  test('the delinquency buckets follow the configured ranges', async ({ assert }) => {
    const { late, later } = await portfolio()
    const buckets = parseDelinquencyBuckets('1-10,11-60,61+')
    const arrears = await new PortfolioQueries().arrearsByBucket(buckets)
    assert.deepEqual(arrears.map((a) => a.bucket.code), ['1-10', '11-60', '61+'])
    const top = await new PortfolioQueries().topOverdue(buckets, 1000)
    assert.deepEqual(
      top.filter((l) => [late.loan.id, later.loan.id].includes(l.id)).map((l) => l.bucket),
      ['61+', '11-60']
    )
  })

  test('a malformed chart window is a 422 error page naming the fields', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'compliance')
    const response = await agent.get('/backoffice/loans/portfolio?granularity=year&periods=0', { inertia: true })
    response.assertStatus(422)
    response.assertInertiaComponent('backoffice/errors/error')
    const message = JSON.stringify(response.inertiaProps)
    assert.include(message, 'granularity')
    assert.include(message, 'periods')
  })
})

test.group('Loan portfolio CSV', () => {
  test('one line per loan paid out, exact amounts in each currency, formulas neutralised, the export audited', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'loan_officer')
    const { current, late, later } = await portfolio()
    const response = await agent.get('/backoffice/loans/portfolio.csv')
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(response.header('content-disposition') ?? '', /^attachment; filename="loan-portfolio-\d{4}-\d{2}-\d{2}\.csv"$/)

    const text = response.text()
    const lines = text.split('\r\n')
    assert.equal(lines[0], 'loan_id,customer_number,customer,product,currency,principal,outstanding,status,days_past_due,bucket,disbursed_on')
    assert.equal(lines.at(-1), '', 'every line ends with CRLF')
    const line = (id: number) => lines.find((l) => l.startsWith(`${id},`))
    const today = utcDay()
    assert.equal(line(current.loan.id), `${current.loan.id},${current.customer.customer_number},${current.customer.full_name},Portfolio GBP loan,GBP,6000.00,6000.00,active,0,current,${today}`)
    assert.equal(line(late.loan.id), `${late.loan.id},${late.customer.customer_number},${late.customer.full_name},Portfolio GBP loan,GBP,2000.00,2000.00,in_arrears,45,31-60,${today}`)
    assert.equal(
      line(later.loan.id),
      `${later.loan.id},${later.customer.customer_number},"'=HYPERLINK(""http://x.test"",""pay"")",Portfolio EUR loan,EUR,3000.00,3000.00,in_arrears,95,90+,${today}`
    )
    const ids = lines.slice(1, -1).map((l) => Number(l.split(',')[0]))
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b))
    const applications = await db.from('loans').whereNull('account_id').select('id')
    assert.isTrue(applications.every((a) => !ids.includes(Number(a.id))), 'applications not paid out are not in the portfolio')

    const audit = await db.from('audit_events').where({ action: 'loans.portfolio.exported', actor_id: String(staff.id) }).firstOrFail()
    assert.equal(audit.metadata.rows, ids.length)
  })
})
