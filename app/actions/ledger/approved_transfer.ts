import { inject } from '@adonisjs/core'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import { approvedPosting } from '#actions/ledger/approved_execution'
import PostTransfer from '#actions/ledger/post_transfer'
import { Money } from '#domain/money/money'

interface TransferPayload {
  debtorAccountId: number
  creditorAccountId: number
  amount: string
  currency: string
  reference: string | null
}

/** 'ledger.transfer' approved: books the transfer the maker filed */
@inject()
export default class ApprovedTransfer implements ApprovalHandler {
  constructor(private postTransfer: PostTransfer) {}

  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = execution.approval.payload as unknown as TransferPayload
    const { transfer } = await this.postTransfer.handle({
      ...approvedPosting(execution),
      debtorAccountId: Number(payload.debtorAccountId),
      creditor: { accountId: Number(payload.creditorAccountId) },
      amount: Money.fromMinorString(payload.amount, payload.currency),
      reference: payload.reference ?? null,
    })
    return { transactionId: transfer.id }
  }
}
