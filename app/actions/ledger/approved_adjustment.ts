import { inject } from '@adonisjs/core'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
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
@inject()
export default class ApprovedAdjustment implements ApprovalHandler {
  constructor(private postAdjustment: PostAdjustment) {}

  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = execution.approval.payload as unknown as AdjustmentPayload
    const { transaction } = await this.postAdjustment.handle({
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
