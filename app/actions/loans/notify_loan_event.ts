import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import NotifyCustomer from '#actions/notifications/notify_customer'
import { NOTE_MAX_LENGTH, type NotificationData } from '#domain/notifications/events'
import { accountEnding } from '#domain/notifications/format'

/** What each loan event needs from its producer (amounts in minor units of the loan's currency) */
export interface LoanEventData {
  /** An officer's decision. The reason is sent to the applicant only when rejected (one line, shortened to 240 characters) */
  loan_decided: { decision: 'approved' | 'rejected'; principal: bigint; reason?: string | null }
  /** Paid out: `credited` (principal − fee) reached the borrower's account `accountId` */
  loan_disbursed: { principal: bigint; credited: bigint; accountId: number }
  /** A reminder a few days before an instalment is due: what is still to pay of it */
  loan_repayment_due: { instalment: number; amount: bigint; dueDate: string }
  /** An instalment went unpaid past its due date: what is overdue on the loan, and for how long */
  loan_repayment_missed: { instalment: number; overdue: bigint; daysPastDue: number; dueDate: string }
  loan_paid_off: Record<string, never>
}
export type LoanEvent = keyof LoanEventData

export interface LoanEventInput<E extends LoanEvent> {
  event: E
  loan: { id: number; customerId: number; currency: string }
  data: LoanEventData[E]
}

/**
 * The one way the loans module tells a borrower something: call it INSIDE
 * the transaction of the change (decision, disbursement, collection run …).
 * It enqueues a 'notifications.dispatch' job there through NotifyCustomer
 * (transactional outbox): a rolled-back change tells nobody, a committed
 * one is delivered (in-app once, mail per preferences; a missed repayment
 * is a mandatory service notice, always both).
 *
 * Exactly once per occurrence: the dedupe key is per loan for a decision,
 * disbursement and payoff, and per loan and instalment for a reminder and a
 * missed repayment, so a batch run twice on the same day (or a retried job)
 * notifies once. Returns the job id.
 * Throws: InvalidNotificationDataError (a producer bug: bad amount, date …).
 */
export default class NotifyLoanEvent {
  async handle<E extends LoanEvent>(trx: TransactionClientContract, input: LoanEventInput<E>): Promise<string> {
    const { event, loan } = input
    const currency = loan.currency.trim()
    const base = { loanId: String(loan.id), currency }
    const data = await this.#fields(trx, input as LoanEventInput<LoanEvent>, base)
    return new NotifyCustomer().handle({
      trx,
      customerId: loan.customerId,
      event,
      dedupeKey: dedupeKeyOf(input as LoanEventInput<LoanEvent>),
      data: data as NotificationData<E>,
    })
  }

  async #fields(trx: TransactionClientContract, input: LoanEventInput<LoanEvent>, base: { loanId: string; currency: string }) {
    switch (input.event) {
      case 'loan_decided': {
        const d = input.data as LoanEventData['loan_decided']
        const reason = d.decision === 'rejected' ? customerNote(d.reason) : ''
        return { ...base, decision: d.decision, principalMinor: d.principal.toString(), reason }
      }
      case 'loan_disbursed': {
        const d = input.data as LoanEventData['loan_disbursed']
        const account = await trx.from('accounts').where('id', d.accountId).select('number').firstOrFail()
        return { ...base, principalMinor: d.principal.toString(), amountMinor: d.credited.toString(), accountEnding: accountEnding(account.number) }
      }
      case 'loan_repayment_due': {
        const d = input.data as LoanEventData['loan_repayment_due']
        return { ...base, instalment: String(d.instalment), amountMinor: d.amount.toString(), dueDate: d.dueDate }
      }
      case 'loan_repayment_missed': {
        const d = input.data as LoanEventData['loan_repayment_missed']
        return {
          ...base,
          instalment: String(d.instalment),
          amountMinor: d.overdue.toString(),
          daysPastDue: String(d.daysPastDue),
          dueDate: d.dueDate,
        }
      }
      case 'loan_paid_off':
        return base
    }
  }
}

/** One occurrence of a loan event (the notifications module adds the customer and the event) */
export function dedupeKeyOf(input: LoanEventInput<LoanEvent>): string {
  if (input.event === 'loan_repayment_due' || input.event === 'loan_repayment_missed') {
    return `loan-${input.loan.id}-instalment-${(input.data as { instalment: number }).instalment}`
  }
  return `loan-${input.loan.id}`
}

/** An officer's free text as one line for the customer: white space collapsed, at most NOTE_MAX_LENGTH characters */
export function customerNote(text: string | null | undefined): string {
  const line = (text ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim()
  if (line.length <= NOTE_MAX_LENGTH) return line
  let cut = ''
  for (const character of line) {
    if (cut.length + character.length > NOTE_MAX_LENGTH - 1) break
    cut += character
  }
  return `${cut.trimEnd()}…`
}
