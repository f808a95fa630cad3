import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import { approvedPosting } from '#actions/ledger/approved_execution'
import { LOAN_POSTING_SCOPE } from '#actions/loans/book_loan_repayment'
import { refreshLoanStanding } from '#actions/loans/loan_standing'
import { lockLoan } from '#actions/loans/lock_loan'
import type { RepaymentReversalPayload } from '#actions/loans/request_repayment_reversal'
import { reversibleRepayment, type StoredRepayment } from '#actions/loans/reversible_repayment'
import type Loan from '#models/loan'
import { auditEnvelope } from '#domain/audit/actor'
import { requestHash } from '#domain/ledger/request_hash'
import { callLedgerFunction } from '#services/ledger/ledger_functions'

/**
 * Runs an approved 'loans.repayment_reversal' in the approval's
 * transaction, holding the loan's row lock (two checkers approving at
 * once, or two requests for the same repayment, book once: the second
 * finds it reversed and is refused, its approval stays pending):
 * 1. the repayment must still be the loan's latest one standing, of a
 *    loan active or in arrears (reversibleRepayment);
 * 2. ledger_reverse_loan_repayment books the mirror of its transaction
 *    (the borrower is credited what was taken; receivable, interest and
 *    fee income debited back), in the maker's name, key
 *    repayment_reversal:<repayment>;
 * 3. the instalments lose what it paid (each allocation line subtracted
 *    from the paid columns); a prepayment's or payoff's rewritten
 *    instalments get their principal and interest back from its
 *    schedule_before; settled_at is cleared where no longer settled;
 * 4. one loan_repayments row of kind 'reversal' (reverses_id, the same
 *    amounts and allocation);
 * 5. refreshLoanStanding as of today: the loan may go back into arrears.
 * Throws: LoanNotOpen, LoanRepaymentNotFound, LoanRepaymentNotReversible,
 * LoanRepaymentAlreadyReversed, and the ledger's refusals for the
 * borrower's account (AccountClosed: then staff correct through
 * suspense with an adjustment).
 */
export default class ApprovedRepaymentReversal implements ApprovalHandler {
  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const { approval, checker, trx, context } = execution
    const payload = approval.payload as unknown as RepaymentReversalPayload
    const loan = await lockLoan(trx, Number(payload.loanId))
    const repayment = await reversibleRepayment(trx, loan, Number(payload.repaymentId))
    const posting = approvedPosting(execution)
    const key = `repayment_reversal:${repayment.id}`
    const reversed = await callLedgerFunction(
      `ledger_reverse_loan_repayment(?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::text, ?::jsonb, ?::jsonb)`,
      [
        LOAN_POSTING_SCOPE,
        key,
        requestHash({ kind: 'loan_repayment_reversal', repaymentId: repayment.id, transactionId: repayment.transactionId }),
        repayment.transactionId,
        loan.accountId,
        loan.disbursementAccountId,
        loan.customerId,
        payload.reason,
        JSON.stringify({ loan_id: loan.id, repayment_id: repayment.id, ...posting.metadata }),
        JSON.stringify(auditEnvelope(posting.actor, context, { loan_id: loan.id, ...posting.metadata })),
      ],
      trx,
      { scope: LOAN_POSTING_SCOPE, key }
    )
    const transactionId = Number(reversed.id)
    const businessDate = DateTime.utc().toISODate()!
    await restoreInstalments(trx, loan, repayment)
    const [row] = await trx
      .table('loan_repayments')
      .insert({
        loan_id: loan.id,
        kind: 'reversal',
        reverses_id: repayment.id,
        business_date: businessDate,
        amount: repayment.amount.toString(),
        principal: repayment.principal.toString(),
        interest: repayment.interest.toString(),
        fee: repayment.fee.toString(),
        penalty: repayment.penalty.toString(),
        allocation: JSON.stringify(
          repayment.lines.map((line) => ({
            number: line.number,
            ...(line.prepayment ? { prepayment: true } : {}),
            principal: line.principal.toString(),
            interest: line.interest.toString(),
            fee: line.fee.toString(),
            penalty: line.penalty.toString(),
          }))
        ),
        transaction_id: transactionId,
        actor_type: posting.actor.type,
        actor_id: String(posting.actor.id),
      })
      .returning('id')
    await refreshLoanStanding(trx, { loan, businessDate, actor: { type: 'staff', id: checker.id }, context })
    return {
      loanId: loan.id,
      reversedRepaymentId: repayment.id,
      reversalId: Number(row.id),
      transactionId,
      currency: loan.currency.trim(),
      amount: repayment.amount.toString(),
      status: loan.status,
    }
  }
}

/**
 * The instalments as they were before the repayment: the rewritten ones
 * get their due principal and interest back (schedule_before), every
 * allocation line is taken off the paid columns (one UPDATE per
 * instalment, so the CHECK paid <= due holds on the final row), and an
 * instalment no longer fully paid is no longer settled.
 */
async function restoreInstalments(trx: TransactionClientContract, loan: Loan, repayment: StoredRepayment) {
  const changes = new Map<number, { due?: { principal: string; interest: string }; paid: bigint[] }>()
  const entry = (n: number) => changes.get(n) ?? changes.set(n, { paid: [0n, 0n, 0n, 0n] }).get(n)!
  for (const before of repayment.scheduleBefore ?? []) {
    entry(Number(before.number)).due = { principal: String(before.principal), interest: String(before.interest) }
  }
  for (const line of repayment.lines) {
    if (line.number === null) continue
    const paid = entry(line.number).paid
    ;[line.principal, line.interest, line.fee, line.penalty].forEach((amount, i) => (paid[i] += amount))
  }
  for (const [number, change] of changes) {
    const [principalPaid, interestPaid, feePaid, penaltyPaid] = change.paid.map((amount) => amount.toString())
    await trx
      .from('loan_instalments')
      .where({ loan_id: loan.id, number })
      .update({
        ...(change.due ? { principal: change.due.principal, interest: change.due.interest } : {}),
        principal_paid: trx.raw('principal_paid - ?::bigint', [principalPaid]),
        interest_paid: trx.raw('interest_paid - ?::bigint', [interestPaid]),
        fee_paid: trx.raw('fee_paid - ?::bigint', [feePaid]),
        penalty_paid: trx.raw('penalty_paid - ?::bigint', [penaltyPaid]),
      })
  }
  await trx.rawQuery(
    `update loan_instalments set settled_at = null
      where loan_id = ? and settled_at is not null
        and (principal_paid <> principal or interest_paid <> interest or fee_paid <> fee or penalty_paid <> penalty)`,
    [loan.id]
  )
}
