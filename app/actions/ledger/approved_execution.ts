import type { ApprovalExecution } from '#actions/approvals/approval_handler'
import type { Actor } from '#domain/audit/actor'

/**
 * What every approved ledger posting shares: booked in the maker's name,
 * inside the approval's transaction, with an idempotency key derived from
 * the approval (so it can never book twice) and the approval id and the
 * checker in the audit metadata.
 */
export function approvedPosting({ approval, maker, checker, trx, context }: ApprovalExecution) {
  const actor: Actor = { type: 'staff', id: maker.id }
  return {
    actor,
    trx,
    idempotencyKey: `approval:${approval.id}`,
    metadata: { approval_id: String(approval.id), checker_id: String(checker.id), maker_id: String(maker.id) },
    context,
  }
}
