import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import CollectLoan, { type CollectionOutcome, type LoanCollection } from '#actions/loans/collect_loan'
import { SYSTEM_ACTOR } from '#actions/loans/loan_batch_actor'
import NotifyLoanEvent from '#actions/loans/notify_loan_event'
import AuditTrail from '#services/audit/audit_trail'
import loansConfig from '#config/loans'
import { addDays } from '#domain/loans/loan_dates'
import { NO_REQUEST } from '#domain/audit/actor'

export interface CollectionSummary {
  businessDate: string
  loans: number
  outcomes: Record<CollectionOutcome, number>
  /** Minor units collected and still overdue, per currency (strings: bigint) */
  collected: Record<string, string>
  overdue: Record<string, string>
  penaltiesCharged: number
  /** Borrowers reminded of an instalment due in loans.reminderDays */
  reminders: number
  inArrears: number
  paidOff: number
  failed: Array<{ loanId: number; error: string }>
}

/**
 * `node ace loans:collect --date=YYYY-MM-DD`: collects every active or
 * in-arrears loan with an instalment due on or before the date that is not
 * settled, one loan per transaction (CollectLoan), and writes ONE audit row
 * 'loans.collection.ran' with the summary. Idempotent per business date:
 * run it twice and the second run posts nothing (each loan's collection
 * for the date is found) and charges no penalty again. Borrowers whose
 * instalment falls due in LOAN_REMINDER_DAYS are reminded (once per
 * instalment). A loan whose
 * collection fails is reported and left for the next run; the others go on.
 */
@inject()
export default class CollectLoanRepayments {
  constructor(
    private collect: CollectLoan,
    private notify: NotifyLoanEvent
  ) {}

  async handle(input: { businessDate: string; onProgress?: (done: number, total: number) => void }): Promise<CollectionSummary> {
    const ids = await this.#dueLoans(input.businessDate)
    const summary: CollectionSummary = {
      businessDate: input.businessDate,
      loans: ids.length,
      outcomes: { collected: 0, partial: 0, missed: 0, nothing_due: 0, already_collected: 0, not_collectable: 0 },
      collected: {},
      overdue: {},
      penaltiesCharged: 0,
      reminders: 0,
      inArrears: 0,
      paidOff: 0,
      failed: [],
    }
    input.onProgress?.(0, ids.length)
    for (const [index, loanId] of ids.entries()) {
      try {
        this.#add(summary, await this.collect.handle({ loanId, businessDate: input.businessDate }))
      } catch (error) {
        summary.failed.push({ loanId, error: error instanceof Error ? error.message : String(error) })
      }
      input.onProgress?.(index + 1, ids.length)
    }
    summary.reminders = await this.#remind(input.businessDate)
    await AuditTrail.record({
      actor: SYSTEM_ACTOR,
      action: 'loans.collection.ran',
      subject: { type: 'business_date', id: input.businessDate },
      after: summary,
      ...NO_REQUEST,
    })
    return summary
  }

  #add(summary: CollectionSummary, collection: LoanCollection) {
    summary.outcomes[collection.outcome]++
    summary.penaltiesCharged += collection.penaltiesCharged
    const add = (totals: Record<string, string>, amount: bigint) => {
      if (amount > 0n) totals[collection.currency] = (BigInt(totals[collection.currency] ?? '0') + amount).toString()
    }
    add(summary.collected, collection.collected)
    add(summary.overdue, collection.overdue)
    if (collection.status === 'in_arrears') summary.inArrears++
    if (collection.status === 'paid_off') summary.paidOff++
  }

  /**
   * 'loan_repayment_due' for every open loan's unsettled instalment due
   * loans.reminderDays after the date, with what is still to pay of it
   * (once per instalment: the notice's dedupe key); how many
   */
  async #remind(businessDate: string): Promise<number> {
    if (loansConfig.reminderDays === 0) return 0
    const dueDate = addDays(businessDate, loansConfig.reminderDays)
    const rows = await db
      .from('loan_instalments as i')
      .join('loans as l', 'l.id', 'i.loan_id')
      .whereIn('l.status', ['active', 'in_arrears'])
      .whereNull('i.settled_at')
      .where('i.due_date', dueDate)
      .select('l.id', 'l.customer_id', 'l.currency', 'i.number',
        db.raw('(i.principal + i.interest + i.fee + i.penalty - i.principal_paid - i.interest_paid - i.fee_paid - i.penalty_paid)::text as owed'))
    await db.transaction(async (trx) => {
      for (const row of rows) {
        await this.notify.handle(trx, {
          event: 'loan_repayment_due',
          loan: { id: Number(row.id), customerId: Number(row.customer_id), currency: row.currency },
          data: { instalment: row.number, amount: BigInt(row.owed), dueDate },
        })
      }
    })
    return rows.length
  }

  /** Loans with an unsettled instalment due by the date, oldest loan first */
  async #dueLoans(businessDate: string): Promise<number[]> {
    const rows = await db
      .from('loans as l')
      .whereIn('l.status', ['active', 'in_arrears'])
      .whereExists((q) =>
        q.from('loan_instalments as i').whereRaw('i.loan_id = l.id').whereNull('i.settled_at').where('i.due_date', '<=', businessDate)
      )
      .orderBy('l.id')
      .select('l.id')
    return rows.map((row) => Number(row.id))
  }
}
