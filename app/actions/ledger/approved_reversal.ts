import { inject } from '@adonisjs/core'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import { approvedPosting } from '#actions/ledger/approved_execution'
import ReverseTransaction from '#actions/ledger/reverse_transaction'

/** 'ledger.reversal' approved: books the reversal (mirrored entries, linked to the original) */
@inject()
export default class ApprovedReversal implements ApprovalHandler {
  constructor(private reverseTransaction: ReverseTransaction) {}

  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = execution.approval.payload as { transactionId: number; reason: string }
    const { reversal } = await this.reverseTransaction.handle({
      ...approvedPosting(execution),
      transactionId: Number(payload.transactionId),
      reason: payload.reason,
    })
    return { transactionId: reversal.id, reversedTransactionId: Number(payload.transactionId) }
  }
}
