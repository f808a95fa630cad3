import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handlers'
import { approvedPosting } from '#actions/ledger/approved_execution'
import PostAdjustment from '#actions/ledger/post_adjustment'
import { Money } from '#domain/money/money'

interface AdjustmentPayload {
  accountId: number
  direction: 'credit' | 'debit'
  amount: string
  currency: string
  reason: string
}

/** 'ledger.adjustment' approved: credits or debits the account against suspense */
export default class ApprovedAdjustment implements ApprovalHandler {
  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = execution.approval.payload as unknown as AdjustmentPayload
    const { transaction } = await new PostAdjustment().handle({
      ...approvedPosting(execution),
      accountId: Number(payload.accountId),
      direction: payload.direction,
      amount: Money.fromMinorString(payload.amount, payload.currency),
      reason: payload.reason,
      reference: `approval:${execution.approval.id}`,
    })
    return { transactionId: transaction.id }
  }
}
