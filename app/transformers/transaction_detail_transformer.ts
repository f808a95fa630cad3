import { BaseTransformer } from '@adonisjs/core/transformers'
import type { TransactionDetail } from '#queries/ledger/transaction_detail_query'

/** A ledger transaction with its entries and reversal status, for staff */
export default class TransactionDetailTransformer extends BaseTransformer<TransactionDetail> {
  toObject() {
    const t = this.resource
    return {
      id: t.id,
      kind: t.kind,
      amount: t.amount.toJSON(),
      reference: t.reference,
      description: t.description,
      actor: { type: t.actorType, id: t.actorId },
      bookedAt: t.bookedAt,
      approvalId: typeof t.metadata.approval_id === 'string' ? t.metadata.approval_id : null,
      reversesId: t.reversesId,
      reversedById: t.reversedById,
      pendingReversalApprovalId: t.pendingReversalApprovalId,
      entries: t.entries.map((e) => ({
        id: e.id,
        accountId: e.accountId,
        accountNumber: e.accountNumber,
        accountName: e.accountName,
        internal: e.internal,
        direction: e.direction,
        amount: e.amount.toJSON(),
      })),
    }
  }
}
