import { DateTime } from 'luxon'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import { approvedPosting } from '#actions/ledger/approved_execution'
import { LOAN_POSTING_SCOPE } from '#actions/loans/book_loan_repayment'
import { transitionLoan } from '#actions/loans/loan_transition'
import { lockLoan } from '#actions/loans/lock_loan'
import type { LoanWriteOffPayload } from '#actions/loans/request_loan_write_off'
import { loanInstalments, outstandingOf } from '#queries/loans/loan_instalment_queries'
import { auditEnvelope } from '#domain/audit/actor'
import { requestHash } from '#domain/ledger/request_hash'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import LoanNotOpenException from '#exceptions/loan_not_open_exception'

/**
 * Runs an approved 'loans.write_off' in the approval's transaction:
 * 1. the loan is locked and must still be active or in arrears (paid off
 *    or written off meanwhile: refused, the approval stays pending and the
 *    checker rejects it);
 * 2. the principal outstanding NOW (from the schedule, which the
 *    receivable mirrors) is booked as a loss: ledger_post_loan_write_off,
 *    debit loan losses / credit the receivable to exactly zero, in the
 *    maker's name, key write_off:<loan> (a loan is written off once);
 * 3. one loan_repayments row of kind 'write_off': principal = the amount
 *    written off, one allocation line per instalment with principal left;
 * 4. the loan goes to written_off (closed_at, the reason; the unpaid
 *    interest, fees and penalties forgiven are in its audit row: cash
 *    basis, they were never income, so nothing is booked for them).
 * The instalments are left as they were: what was paid stays paid.
 * With no principal left (only interest or charges unpaid) nothing is
 * posted; the loan is still written off.
 * Throws: LoanNotOpen, and the ledger's refusals.
 */
export default class ApprovedLoanWriteOff implements ApprovalHandler {
  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const { approval, checker, trx, context } = execution
    const payload = approval.payload as unknown as LoanWriteOffPayload
    const loan = await lockLoan(trx, Number(payload.loanId))
    if (loan.status !== 'active' && loan.status !== 'in_arrears') {
      throw new LoanNotOpenException(`Loan #${loan.id} is ${loan.status.replace('_', ' ')} now: it can no longer be written off.`)
    }
    const outstanding = (await loanInstalments(trx, loan.id)).map(outstandingOf)
    const sum = (part: 'principal' | 'interest' | 'fee' | 'penalty') => outstanding.reduce((total, i) => total + i[part], 0n)
    const principal = sum('principal')
    const posting = approvedPosting(execution)
    const businessDate = DateTime.utc().toISODate()!

    let transactionId: number | null = null
    let repaymentId: number | null = null
    if (principal > 0n) {
      const key = `write_off:${loan.id}`
      const posted = await callLedgerFunction(
        `ledger_post_loan_write_off(?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::bigint, ?::text, ?::text, ?::jsonb, ?::jsonb)`,
        [
          LOAN_POSTING_SCOPE,
          key,
          requestHash({ kind: 'loan_write_off', loanId: loan.id, principal }),
          loan.accountId,
          loan.customerId,
          principal.toString(),
          loan.currency,
          `Loan ${loan.id}`,
          JSON.stringify({ loan_id: loan.id, write_off: true, ...posting.metadata }),
          JSON.stringify(auditEnvelope(posting.actor, context, { loan_id: loan.id, ...posting.metadata })),
        ],
        trx,
        { scope: LOAN_POSTING_SCOPE, key }
      )
      transactionId = Number(posted.id)
      const [row] = await trx
        .table('loan_repayments')
        .insert({
          loan_id: loan.id,
          kind: 'write_off',
          business_date: businessDate,
          amount: principal.toString(),
          principal: principal.toString(),
          interest: '0',
          fee: '0',
          penalty: '0',
          allocation: JSON.stringify(
            outstanding
              .filter((i) => i.principal > 0n)
              .map((i) => ({ number: i.number, principal: i.principal.toString(), interest: '0', fee: '0', penalty: '0' }))
          ),
          transaction_id: transactionId,
          actor_type: posting.actor.type,
          actor_id: String(posting.actor.id),
        })
        .returning('id')
      repaymentId = Number(row.id)
    }

    const forgiven = { interest: sum('interest').toString(), fees: sum('fee').toString(), penalties: sum('penalty').toString() }
    await transitionLoan(trx, {
      loan,
      to: 'written_off',
      actor: { type: 'staff', id: checker.id },
      context,
      reason: payload.reason,
      changes: { closedAt: DateTime.utc() },
      details: {
        approval_id: String(approval.id),
        maker_id: String(approval.makerId),
        transaction_id: transactionId,
        written_off_principal: principal.toString(),
        forgiven_not_booked: forgiven,
      },
    })
    return {
      loanId: loan.id,
      currency: loan.currency.trim(),
      writtenOffPrincipal: principal.toString(),
      transactionId,
      repaymentId,
    }
  }
}
