import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Loan from '#models/loan'
import DisburseLoan from '#actions/loans/disburse_loan'
import NotifyLoanEvent, { type LoanEvent, type LoanEventData } from '#actions/loans/notify_loan_event'
import DispatchNotification from '#actions/notifications/dispatch_notification'
import SendNotificationMail from '#actions/notifications/send_notification_mail'
import UpdateNotificationPreferences from '#actions/notifications/update_notification_preferences'
import SecurityNoticeRequiredException from '#exceptions/security_notice_required_exception'
import { InvalidNotificationDataError } from '#domain/notifications/events'
import { NO_REQUEST } from '#domain/audit/actor'
import { findCapturedMail, listCapturedMails } from '#services/mail/captured_mails'
import { createApiCustomer } from '#tests/helpers/api'
import { openAccount, setStatus } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'
import { createLoanProduct } from '#tests/helpers/loans'
import { dispatchJobs, mailJobs, notificationsOf } from '#tests/functional/notifications/outbox_jobs'

/**
 * Loan notifications: NotifyLoanEvent enqueues in the caller's
 * transaction; the notifications module's job handlers (run here by the
 * test, as the worker would) write the in-app notification once and mail
 * it (HTML and text).
 */

let nextLoanId = 900_000_000
const loanOf = (customerId: number, currency = 'GBP') => ({ id: ++nextLoanId, customerId, currency })

async function notify<E extends LoanEvent>(event: E, loan: { id: number; customerId: number; currency: string }, data: LoanEventData[E]) {
  return db.transaction(async (trx) => (await app.container.make(NotifyLoanEvent)).handle(trx, { event, loan, data }))
}

/** Works the customer's dispatch jobs (as the worker would), then mails what they wrote; the notifications and their mails */
async function deliver(customerId: number, email: string) {
  const dispatch = await app.container.make(DispatchNotification)
  for (const job of await dispatchJobs(customerId)) await dispatch.handle(job.data)
  const send = await app.container.make(SendNotificationMail)
  const rows = await notificationsOf(customerId)
  for (const row of rows) if ((await mailJobs(Number(row.id))).length) await send.handle({ notificationId: Number(row.id) })
  const summaries = (await listCapturedMails(500)).filter((m) => m.to.some((to) => to.includes(email)))
  const mails = await Promise.all(summaries.map((m) => findCapturedMail(m.id)))
  return { rows, mails: mails.map((m) => m!) }
}

const cases: Array<{ event: LoanEvent; data: (accountId: number) => any; title: string; body: string; mandatory?: boolean }> = [
  {
    event: 'loan_decided',
    data: () => ({ decision: 'approved', principal: 6_000_00n, reason: 'Good affordability (internal note)' }),
    title: 'Loan approved: GBP 6,000.00',
    body: 'Your application for a loan of GBP 6,000.00 (loan #ID) was approved. We will pay it into your account shortly and tell you when we have.',
  },
  {
    event: 'loan_decided',
    data: () => ({ decision: 'rejected', principal: 25_000_00n, reason: 'Your monthly\n  commitments are too high\tfor this amount.' }),
    title: 'Loan application declined',
    body: 'Your application for a loan of GBP 25,000.00 (loan #ID) was declined. Reason: Your monthly commitments are too high for this amount.',
  },
  {
    event: 'loan_disbursed',
    data: (accountId) => ({ principal: 6_000_00n, credited: 5_940_00n, accountId }),
    title: 'Loan paid out: GBP 5,940.00',
    body: 'Your loan #ID of GBP 6,000.00 was paid out: GBP 5,940.00 was credited to your account ending ENDING, after the arrangement fee.',
  },
  {
    event: 'loan_repayment_due',
    data: () => ({ instalment: 3, amount: 528_11n, dueDate: '2026-04-30' }),
    title: 'Loan repayment due on 2026-04-30: GBP 528.11',
    body: 'Repayment 3 of your loan #ID, GBP 528.11, is due on 2026-04-30. Please make sure the money is in your account by then.',
  },
  {
    event: 'loan_repayment_missed',
    data: () => ({ instalment: 2, overdue: 1_056_22n, daysPastDue: 31, dueDate: '2026-03-31' }),
    title: 'Missed loan repayment: GBP 1,056.22 overdue',
    body: 'Repayment 2 of your loan #ID, due on 2026-03-31, was not paid: GBP 1,056.22 is overdue (31 days past due). Please pay it as soon as you can to avoid further charges; if you are in financial difficulty, contact us and we will help.',
    mandatory: true,
  },
  {
    event: 'loan_paid_off',
    data: () => ({}),
    title: 'Loan paid off',
    body: 'Your loan #ID is paid off in full: you owe nothing more on it. Thank you.',
  },
]

test.group('Loan notifications: every event', () => {
  for (const c of cases) {
    test(`${c.event}${c.event === 'loan_decided' ? ` (${c.data(0).decision})` : ''}: one in-app notification and one mail, HTML and text`, async ({ assert }) => {
      const customer = await createApiCustomer()
      const account = await openAccount(customer.id)
      const loan = loanOf(customer.id)
      const expected = {
        title: c.title,
        body: c.body.replace('#ID', String(loan.id)).replace('ENDING', account.number.slice(-4)),
      }

      /* the producer runs twice (a batch re-run): still one notification */
      await notify(c.event, loan, c.data(account.id))
      await notify(c.event, loan, c.data(account.id))
      assert.lengthOf(await dispatchJobs(customer.id, c.event), 2)
      const { rows, mails } = await deliver(customer.id, customer.email)

      assert.lengthOf(rows, 1)
      assert.deepInclude(rows[0], { event: c.event, title: expected.title, body: expected.body, in_app: true })
      assert.lengthOf(mails, 1)
      assert.equal(mails[0].subject, `Strongroom: ${expected.title}`)
      assert.include(mails[0].html!, expected.body.replaceAll("'", '&#39;'))
      assert.include(mails[0].text!, expected.body)
      assert.notInclude(mails[0].text!, '<p')
      const footer = c.mandatory ? 'This is a service notice we must send you' : 'notification preferences'
      assert.include(mails[0].html!, footer)
      assert.include(mails[0].text!, footer)
      assert.notInclude(mails[0].html!, 'This is a security notice')
      if (c.event === 'loan_decided') assert.notInclude(rows[0].body, 'internal note', 'an approval reason stays with the officers')
    })
  }

  test('each instalment is its own reminder; the same instalment is reminded once', async ({ assert }) => {
    const customer = await createApiCustomer()
    const loan = loanOf(customer.id)
    await notify('loan_repayment_due', loan, { instalment: 1, amount: 100_00n, dueDate: '2026-02-28' })
    await notify('loan_repayment_due', loan, { instalment: 1, amount: 100_00n, dueDate: '2026-02-28' })
    await notify('loan_repayment_due', loan, { instalment: 2, amount: 100_00n, dueDate: '2026-03-31' })
    await notify('loan_repayment_missed', loan, { instalment: 1, overdue: 100_00n, daysPastDue: 1, dueDate: '2026-02-28' })
    const { rows } = await deliver(customer.id, customer.email)
    assert.deepEqual(rows.map((r) => [r.event, r.data.instalment]), [
      ['loan_repayment_due', '1'],
      ['loan_repayment_due', '2'],
      ['loan_repayment_missed', '1'],
    ])
    assert.equal(rows[2].title, 'Missed loan repayment: GBP 100.00 overdue')
    assert.include(rows[2].body, '(1 day past due)')
  })

  test('a long rejection reason is sent as one line of at most 240 characters, escaped in the HTML mail', async ({ assert }) => {
    const customer = await createApiCustomer()
    const reason = `<b>Declined</b>\r\n${'x'.repeat(400)}`
    await notify('loan_decided', loanOf(customer.id), { decision: 'rejected', principal: 1_000_00n, reason })
    const { rows, mails } = await deliver(customer.id, customer.email)
    const sent = rows[0].data.reason as string
    assert.lengthOf(sent, 240)
    assert.isTrue(sent.startsWith('<b>Declined</b> xxx') && sent.endsWith('x…'))
    assert.include(mails[0].html!, '&lt;b&gt;Declined&lt;/b&gt;')
    assert.notInclude(mails[0].html!, '<b>Declined</b>')
  })

  test('a missed repayment is a mandatory service notice: stored choices do not silence it, turning it off is refused', async ({ assert }) => {
    const customer = await createApiCustomer()
    await db.table('notification_preferences').multiInsert([
      { customer_id: customer.id, event: 'loan_repayment_missed', channel: 'mail', enabled: false },
      { customer_id: customer.id, event: 'loan_repayment_missed', channel: 'in_app', enabled: false },
      { customer_id: customer.id, event: 'loan_repayment_due', channel: 'mail', enabled: false },
    ])
    const loan = loanOf(customer.id)
    await notify('loan_repayment_missed', loan, { instalment: 1, overdue: 50_00n, daysPastDue: 3, dueDate: '2026-01-31' })
    await notify('loan_repayment_due', loan, { instalment: 2, amount: 50_00n, dueDate: '2026-02-28' })
    const { rows, mails } = await deliver(customer.id, customer.email)
    assert.deepEqual(rows.map((r) => [r.event, r.in_app]), [['loan_repayment_missed', true], ['loan_repayment_due', true]])
    assert.deepEqual(mails.map((m) => m.subject), ['Strongroom: Missed loan repayment: GBP 50.00 overdue'], 'the reminder was turned off by mail')

    const update = await app.container.make(UpdateNotificationPreferences)
    const error = await update
      .handle({ customerId: customer.id, context: NO_REQUEST, changes: [{ event: 'loan_repayment_due', channel: 'in_app', enabled: false }, { event: 'loan_repayment_missed', channel: 'mail', enabled: false }] })
      .catch((e) => e)
    assert.instanceOf(error, SecurityNoticeRequiredException)
    assert.deepEqual(error.errors, [
      { field: 'preferences.1.enabled', message: 'loan_repayment_missed is a mandatory service notice: it cannot be turned off', rule: 'securityNotice' },
    ])
    const kept = await db.from('notification_preferences').where({ customer_id: customer.id, event: 'loan_repayment_due', channel: 'in_app' })
    assert.lengthOf(kept, 0, 'nothing of the refused request was stored')
  })

  test('a rolled-back transaction enqueues nothing', async ({ assert }) => {
    const customer = await createApiCustomer()
    const notifier = await app.container.make(NotifyLoanEvent)
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await notifier.handle(trx, { event: 'loan_paid_off', loan: loanOf(customer.id), data: {} })
        throw new Error('the payoff failed')
      })
    )
    assert.lengthOf(await dispatchJobs(customer.id), 0)
  })

  test('bad data is refused before anything is enqueued', async ({ assert }) => {
    const customer = await createApiCustomer()
    await assert.rejects(
      () => notify('loan_repayment_due', loanOf(customer.id), { instalment: 1, amount: -5n, dueDate: '2026-02-30' }),
      InvalidNotificationDataError
    )
    await assert.rejects(() => notify('loan_paid_off', loanOf(customer.id, 'XYZ'), {}), InvalidNotificationDataError)
    assert.lengthOf(await dispatchJobs(customer.id), 0)
  })
})

test.group('Loan notifications: disbursement', () => {
  async function approvedLoan() {
    const { version } = await createLoanProduct()
    const customer = await createApiCustomer()
    const account = await openAccount(customer.id, { fund: '10.00' })
    const loan = await Loan.create({
      customerId: customer.id, productVersionId: version.id, status: 'approved', currency: 'GBP', principal: 6_000_00n, termCount: 12,
      annualRatePpm: version.annualRatePpm, frequency: version.frequency, amortisation: version.amortisation, originationFee: 60_00n,
      purpose: 'Car', monthlyIncome: 3_000_00n, monthlyObligations: 0n, disbursementAccountId: account.id, documents: [], channel: 'api',
    })
    return { loan, account, customer }
  }
  const disburse = async (loanId: number) => {
    const { staff } = await createStaff({ role: 'loan_officer' })
    return (await app.container.make(DisburseLoan)).handle({ loanId, staff, context: NO_REQUEST, businessDate: '2026-01-31' })
  }

  test('tells the borrower once, with the amount credited and the account, even when disbursed again', async ({ assert }) => {
    const { loan, account, customer } = await approvedLoan()
    await disburse(loan.id)
    await disburse(loan.id)
    const jobs = await dispatchJobs(customer.id, 'loan_disbursed')
    assert.lengthOf(jobs, 1)
    assert.deepEqual(jobs[0].data, {
      customerId: customer.id,
      event: 'loan_disbursed',
      dedupeKey: `loan-${loan.id}`,
      data: { loanId: String(loan.id), currency: 'GBP', principalMinor: '600000', amountMinor: '594000', accountEnding: account.number.slice(-4) },
    })
    const { rows } = await deliver(customer.id, customer.email)
    assert.deepEqual(rows.filter((r) => r.event === 'loan_disbursed').map((r) => r.title), ['Loan paid out: GBP 5,940.00'])
  })

  test('a refused disbursement tells nobody', async ({ assert }) => {
    const { loan, account, customer } = await approvedLoan()
    await setStatus(account.id, 'frozen')
    await assert.rejects(() => disburse(loan.id), /frozen/)
    assert.lengthOf(await dispatchJobs(customer.id), 0)
  })
})
