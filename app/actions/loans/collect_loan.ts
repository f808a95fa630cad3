import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import LoanProductVersion from '#models/loan_product_version'
import type Loan from '#models/loan'
import BookLoanRepayment from '#actions/loans/book_loan_repayment'
import { lockLoan } from '#actions/loans/lock_loan'
import { lockCustomerAccount } from '#services/ledger/account_row_lock'
import { refreshLoanStanding } from '#actions/loans/loan_standing'
import { loanInstalments, outstandingOf, type StoredInstalment } from '#queries/loans/loan_instalment_queries'
import { allocateRepayment } from '#domain/loans/allocation'
import { penaltyDue } from '#domain/loans/arrears'
import { SYSTEM_ACTOR } from '#actions/loans/loan_batch_actor'
import { NO_REQUEST } from '#domain/audit/actor'

export type CollectionOutcome = 'collected' | 'partial' | 'missed' | 'nothing_due' | 'already_collected' | 'not_collectable'

export interface LoanCollection {
  loanId: number
  outcome: CollectionOutcome
  currency: string
  /** Minor units taken from the borrower's account this time */
  collected: bigint
  /** Minor units due on or before the date that remain unpaid */
  overdue: bigint
  penaltiesCharged: number
  status: Loan['status']
  daysPastDue: number
}

/**
 * One loan's collection for a business date, in ONE transaction holding
 * the loan's row lock:
 * 1. late-payment penalties: an instalment still unpaid after the
 *    product's grace days is charged the product's penalty once (its
 *    `penalty` is set only while it is 0, so a rerun charges nothing);
 * 2. unless this loan was already collected on that date (a
 *    loan_repayments row of kind 'collection' for it: the batch is
 *    idempotent per business date), what is due on or before the date is
 *    taken from the borrower's account as far as its available funds go
 *    (never into an overdraft; nothing from a frozen or closed account),
 *    allocated in the product version's order, oldest instalment first,
 *    and booked (BookLoanRepayment, key collection:<loan>:<date>);
 * 3. days past due and the status (active ↔ in_arrears, paid_off) follow.
 */
@inject()
export default class CollectLoan {
  constructor(private book: BookLoanRepayment) {}

  async handle(input: { loanId: number; businessDate: string }): Promise<LoanCollection> {
    return db.transaction(async (trx) => {
      const loan = await lockLoan(trx, input.loanId)
      const result = (outcome: CollectionOutcome, collected = 0n, overdue = 0n, penaltiesCharged = 0): LoanCollection => ({
        loanId: loan.id, outcome, currency: loan.currency, collected, overdue, penaltiesCharged,
        status: loan.status, daysPastDue: loan.daysPastDue,
      })
      if (loan.status !== 'active' && loan.status !== 'in_arrears') return result('not_collectable')
      const version = await LoanProductVersion.findOrFail(loan.productVersionId, { client: trx })
      const penaltiesCharged = await this.#chargePenalties(trx, loan, version, input.businessDate)

      const due = (await loanInstalments(trx, loan.id))
        .filter((instalment) => instalment.dueDate <= input.businessDate)
        .map(outstandingOf)
      const owed = due.reduce((sum, i) => sum + i.principal + i.interest + i.fee + i.penalty, 0n)
      const done = async (outcome: CollectionOutcome, collected: bigint) => {
        await refreshLoanStanding(trx, { loan, businessDate: input.businessDate, actor: SYSTEM_ACTOR, context: NO_REQUEST })
        return result(outcome, collected, owed - collected, penaltiesCharged)
      }
      if (owed === 0n) return done('nothing_due', 0n)
      const earlier = await trx
        .from('loan_repayments')
        .where({ loan_id: loan.id, kind: 'collection', business_date: input.businessDate })
        .first()
      if (earlier) return done('already_collected', 0n)

      const account = await lockCustomerAccount(trx, loan.disbursementAccountId)
      const available = account.status === 'active' ? account.available : 0n
      const amount = available <= 0n ? 0n : available < owed ? available : owed
      if (amount === 0n) return done('missed', 0n)
      await this.book.handle({
        trx,
        loan,
        kind: 'collection',
        businessDate: input.businessDate,
        allocation: allocateRepayment(amount, due, version.allocationOrder),
        key: `collection:${loan.id}:${input.businessDate}`,
        actor: SYSTEM_ACTOR,
        context: NO_REQUEST,
      })
      return done(amount === owed ? 'collected' : 'partial', amount)
    })
  }

  /** Sets the product's penalty on each instalment past its grace days that has none yet; how many */
  async #chargePenalties(trx: TransactionClientContract, loan: Loan, version: LoanProductVersion, businessDate: string) {
    if (version.latePenalty <= 0n) return 0
    const late = (await loanInstalments(trx, loan.id)).filter(
      (instalment: StoredInstalment) =>
        instalment.due.penalty === 0n && penaltyDue(outstandingOf(instalment), businessDate, version.graceDays)
    )
    for (const instalment of late) {
      await trx
        .from('loan_instalments')
        .where({ loan_id: loan.id, number: instalment.number, penalty: 0 })
        .update({ penalty: version.latePenalty.toString(), settled_at: null })
    }
    return late.length
  }
}
