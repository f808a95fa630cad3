import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { openAccount } from '#tests/helpers/ledger'

/**
 * Finding 6 of issue 7, staff side: a customer's payment limits are
 * overridden per currency from the customer page. Lowering applies at
 * once; raising is a 'customers.payment_limits' four-eyes request decided
 * by someone else with approvals.decide_money; every change is audited.
 */
async function customerWithAccount() {
  const customer = await createApiCustomer()
  const account = await openAccount(customer.id, { fund: '9000.00' })
  const payee = await openAccount((await createApiCustomer()).id)
  await db.table('customer_payees').insert({ customer_id: customer.id, account_id: payee.id })
  return { customer, account, payee }
}

const limitsForm = (single: string, daily: string, extra: object = {}) => ({
  currency: 'GBP', single, daily, reason: 'Customer request', idempotencyKey: randomUUID(), ...extra,
})

const override = (customerId: number) =>
  db.from('customer_payment_limits').where({ customer_id: customerId, currency: 'GBP' }).first()

const auditFor = (action: string, customerId: number) =>
  db.from('audit_events').where('action', action).where('subject_type', 'customer').where('subject_id', String(customerId)).orderBy('id')

test.group('Backoffice payment limits', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('the customer page shows the limits in force per currency, default until staff override them', async ({ client, assert }) => {
    const { customer } = await customerWithAccount()
    const { agent } = await signedIn(client, 'auditor')
    const page = await agent.get(`/backoffice/customers/${customer.id}`, { inertia: true })
    page.assertStatus(200)
    assert.deepEqual(page.inertiaProps.paymentLimits, [
      {
        currency: 'GBP',
        single: { amount: '5000.00', currency: 'GBP' },
        daily: { amount: '10000.00', currency: 'GBP' },
        source: 'default',
        paidToday: { amount: '0.00', currency: 'GBP' },
        pendingRaiseApprovalId: null,
      },
    ])
    assert.isFalse(page.inertiaProps.can.changePaymentLimits)
    assert.equal(page.inertiaProps.urls.paymentLimits, `/backoffice/customers/${customer.id}/payment-limits`)
  })

  test('a teller lowers the limits at once (audited) and the API refuses a payment above them', async ({ client, assert }) => {
    const { customer, account, payee } = await customerWithAccount()
    const { agent, staff } = await signedIn(client, 'teller')
    const response = await agent.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('100.00', '150.00'))
    response.assertStatus(302)
    assert.equal((await agent.flashAfter(response)).success, 'Payment limits in GBP lowered.')

    const row = await override(customer.id)
    assert.equal(String(row.single_limit), '10000')
    assert.equal(String(row.daily_limit), '15000')
    assert.equal(String(row.updated_by), String(staff.id))
    const [audit] = await auditFor('customer.payment_limits.lowered', customer.id)
    assert.equal(audit.actor_id, String(staff.id))
    assert.deepEqual(audit.before, { currency: 'GBP', single_minor: '500000', daily_minor: '1000000' })
    assert.deepEqual(audit.after, { currency: 'GBP', single_minor: '10000', daily_minor: '15000' })
    assert.equal(await db.from('approvals').where('subject_id', String(customer.id)).where('kind', 'customers.payment_limits').count('* as n').first().then((r) => Number(r.n)), 0)

    const payment = await client
      .post('/api/v1/transfers')
      .bearerToken(await tokenFor(customer.id))
      .header('Idempotency-Key', randomUUID())
      .json({ debtorAccountId: account.id, creditor: { accountId: payee.id }, amount: { amount: '100.01', currency: 'GBP' } })
    assert.equal(assertProblem(assert, payment, 422, 'E_LIMIT_EXCEEDED').limit.limit.amount, '100.00')
  })

  test('raising waits for another staff member: the maker cannot approve, a teller cannot decide, compliance approves (audited)', async ({ client, assert }) => {
    const { customer, account, payee } = await customerWithAccount()
    const { agent: maker, staff: makerStaff } = await signedIn(client, 'admin')
    const response = await maker.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('8000.00', '20000.00'))
    response.assertStatus(302)
    const flash = await maker.flashAfter(response)
    const approvalId = Number(/approval #(\d+)/.exec(flash.success ?? '')?.[1])
    assert.isAbove(approvalId, 0, JSON.stringify(flash))
    assert.isNull(await override(customer.id), 'nothing changes before the approval')

    const approval = await db.from('approvals').where('id', approvalId).first()
    assert.equal(approval.kind, 'customers.payment_limits')
    assert.equal(String(approval.maker_id), String(makerStaff.id))
    assert.deepEqual(approval.payload, {
      customerId: customer.id, currency: 'GBP',
      fromSingleMinor: '500000', fromDailyMinor: '1000000', toSingleMinor: '800000', toDailyMinor: '2000000',
    })
    const page = await maker.get(`/backoffice/customers/${customer.id}`, { inertia: true })
    assert.equal(page.inertiaProps.paymentLimits[0].pendingRaiseApprovalId, String(approvalId))

    const token = await tokenFor(customer.id)
    const authorise = () =>
      client
        .post('/api/v1/payment-authorisations')
        .bearerToken(token)
        .json({ debtorAccountId: account.id, creditor: { accountId: payee.id }, amount: { amount: '6000.00', currency: 'GBP' } })
    assertProblem(assert, await authorise(), 422, 'E_LIMIT_EXCEEDED')

    await maker.post(`/backoffice/approvals/${approvalId}/approve`, {})
    const { agent: teller } = await signedIn(client, 'teller')
    await teller.post(`/backoffice/approvals/${approvalId}/approve`, {})
    assert.equal((await db.from('approvals').where('id', approvalId).first()).status, 'pending')
    assert.isNull(await override(customer.id))

    const { agent: checker, staff: checkerStaff } = await signedIn(client, 'compliance')
    const approved = await checker.post(`/backoffice/approvals/${approvalId}/approve`, {})
    approved.assertStatus(302)
    assert.isNull((await checker.flashAfter(approved)).error)
    assert.equal((await db.from('approvals').where('id', approvalId).first()).status, 'approved')
    const row = await override(customer.id)
    assert.equal(String(row.single_limit), '800000')
    assert.equal(String(row.daily_limit), '2000000')
    const [audit] = await auditFor('customer.payment_limits.raised', customer.id)
    assert.equal(audit.actor_id, String(makerStaff.id))
    assert.equal(audit.metadata.approved_by, String(checkerStaff.id))
    assert.equal(audit.metadata.approval_id, String(approvalId))
    assert.deepEqual(audit.after, { currency: 'GBP', single_minor: '800000', daily_minor: '2000000' })

    ;(await authorise()).assertStatus(201)
  })

  test('raising one limit while lowering the other is a raise; unchanged limits and single above daily are refused', async ({ client, assert }) => {
    const { customer } = await customerWithAccount()
    const { agent } = await signedIn(client, 'compliance')
    const mixed = await agent.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('6000.00', '9000.00'))
    assert.match((await agent.flashAfter(mixed)).success ?? '', /^Raise requested: approval #\d+/)
    assert.isNull(await override(customer.id))

    /* a refused form goes back with the error flashed; the customer page shows it */
    const flashedError = async () => (await agent.get(`/backoffice/customers/${customer.id}`, { inertia: true })).inertiaProps.flash.error
    ;(await agent.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('5000.00', '10000.00'))).assertStatus(302)
    assert.match((await flashedError()) ?? '', /already/)
    ;(await agent.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('300.00', '200.00'))).assertStatus(302)
    assert.match((await flashedError()) ?? '', /single-payment limit cannot be above the daily limit/)
    const invalid = await agent.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('-1', '200.00'))
    invalid.assertStatus(302)
    assert.isNull(await override(customer.id))
  })

  test('a raise approved after the limits changed meanwhile is refused and stays pending', async ({ client, assert }) => {
    const { customer } = await customerWithAccount()
    const { agent: maker } = await signedIn(client, 'admin')
    const raise = await maker.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('8000.00', '20000.00'))
    const approvalId = Number(/approval #(\d+)/.exec((await maker.flashAfter(raise)).success ?? '')?.[1])
    ;(await maker.post(`/backoffice/customers/${customer.id}/payment-limits`, limitsForm('100.00', '100.00'))).assertStatus(302)

    const { agent: checker } = await signedIn(client, 'admin')
    ;(await checker.post(`/backoffice/approvals/${approvalId}/approve`, {})).assertStatus(302)
    const shown = await checker.get(`/backoffice/approvals/${approvalId}`, { inertia: true })
    assert.match(shown.inertiaProps.flash.error ?? '', /changed since this raise was requested/)
    assert.equal((await db.from('approvals').where('id', approvalId).first()).status, 'pending')
    assert.equal(String((await override(customer.id)).single_limit), '10000')
  })
})
