import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Loan from '#models/loan'
import type StaffUser from '#models/staff_user'
import { transitionLoan } from '#actions/loans/loan_transition'
import OpenLoanReceivable from '#actions/accounts/open_loan_receivable'
import NotifyLoanEvent from '#actions/loans/notify_loan_event'
import { buildSchedule } from '#domain/loans/schedule'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { requestHash } from '#domain/ledger/request_hash'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'
import LoanTransitionRefusedException from '#exceptions/loan_transition_refused_exception'

export interface DisbursementResult {
  loan: Loan
  transactionId: number
  /** The loan was already disbursed: nothing was posted this time */
  replayed: boolean
}

/** The idempotency scope and key of a loan's one disbursement */
const SCOPE = 'loans'
const keyOf = (loanId: number) => `disbursement:${loanId}`

/**
 * Pays an approved loan out, exactly once, in ONE transaction:
 * - the loan row is locked FOR UPDATE, so two officers clicking at once
 *   disburse once: the second waits, then finds it disbursed and gets the
 *   same result back (`replayed`), as does any later retry;
 * - the loan's receivable is opened (OpenLoanReceivable: an accounts row
 *   of kind 'loan', debit-normal, number LN + the loan id) and ledger_post_loan_disbursement
 *   books debit receivable principal / credit the borrower principal − fee /
 *   credit fee income fee, under the idempotency key `disbursement:<id>`
 *   (a second guard behind the row lock);
 * - the schedule (#domain/loans/schedule, from the terms the loan copied,
 *   starting on the business date) is stored as loan_instalments;
 * - approved → disbursed → active, each audited (transitionLoan).
 * The borrower is told through the posting's 'ledger.posted' job (money
 * received) and a 'loan_disbursed' notice (NotifyLoanEvent), both enqueued
 * in the same transaction.
 * Throws: LoanNotFound, LoanTransitionRefused (not approved), and the
 * ledger's refusals for the borrower's account (AccountFrozen,
 * AccountClosed, AccountNotFound, CurrencyMismatch).
 */
export default class DisburseLoan {
  async handle(input: {
    loanId: number
    staff: StaffUser
    context: RequestContext
    /** 'YYYY-MM-DD', the business date the schedule starts on; today (UTC) by default */
    businessDate?: string
  }): Promise<DisbursementResult> {
    const actor: Actor = { type: 'staff', id: input.staff.id }
    return db.transaction(async (trx) => {
      const loan = await Loan.query({ client: trx }).where('id', input.loanId).forUpdate().first()
      if (!loan) throw new LoanNotFoundException()
      if (loan.disbursementTransactionId !== null) {
        return { loan, transactionId: loan.disbursementTransactionId, replayed: true }
      }
      if (loan.status !== 'approved') {
        throw new LoanTransitionRefusedException(`Only an approved loan can be disbursed; this one is ${loan.status.replace('_', ' ')}.`)
      }
      const startDate = input.businessDate ?? DateTime.utc().toISODate()!
      const accountId = await new OpenLoanReceivable().handle({
        trx, loanId: loan.id, customerId: loan.customerId, currency: loan.currency, actor, context: input.context,
      })
      const transactionId = await this.#post(trx, loan, accountId, actor, input.context)
      await this.#storeSchedule(trx, loan, startDate)
      await transitionLoan(trx, {
        loan,
        to: 'disbursed',
        actor,
        context: input.context,
        changes: { accountId, disbursementTransactionId: transactionId, startDate, disbursedAt: DateTime.utc() },
        details: { transaction_id: transactionId, account_id: accountId, start_date: startDate },
      })
      await transitionLoan(trx, { loan, to: 'active', actor, context: input.context })
      await new NotifyLoanEvent().handle(trx, {
        event: 'loan_disbursed',
        loan,
        data: { principal: loan.principal, credited: loan.principal - loan.originationFee, accountId: loan.disbursementAccountId },
      })
      return { loan, transactionId, replayed: false }
    })
  }

  async #post(trx: TransactionClientContract, loan: Loan, accountId: number, actor: Actor, context: RequestContext) {
    const key = keyOf(loan.id)
    const hash = requestHash({ kind: 'loan_disbursement', loanId: loan.id, principal: loan.principal, fee: loan.originationFee })
    const result = await callLedgerFunction(
      `ledger_post_loan_disbursement(?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::bigint, ?::bigint,
        ?::bigint, ?::text, ?::text, ?::jsonb, ?::jsonb)`,
      [
        SCOPE,
        key,
        hash,
        accountId,
        loan.disbursementAccountId,
        loan.customerId,
        loan.principal.toString(),
        loan.originationFee.toString(),
        loan.currency,
        `Loan ${loan.id}`,
        JSON.stringify({ loan_id: loan.id }),
        JSON.stringify(auditEnvelope(actor, context, { loan_id: loan.id })),
      ],
      trx,
      { scope: SCOPE, key }
    )
    return Number(result.id)
  }

  async #storeSchedule(trx: TransactionClientContract, loan: Loan, startDate: string) {
    const schedule = buildSchedule({
      principal: loan.principal,
      annualRatePpm: loan.annualRatePpm,
      termCount: loan.termCount,
      frequency: loan.frequency,
      amortisation: loan.amortisation,
      startDate,
    })
    await trx.table('loan_instalments').multiInsert(
      schedule.instalments.map((instalment) => ({
        loan_id: loan.id,
        number: instalment.number,
        due_date: instalment.dueDate,
        principal: instalment.principal.toString(),
        interest: instalment.interest.toString(),
      }))
    )
  }
}
