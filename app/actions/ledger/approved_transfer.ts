import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handlers'
import { approvedPosting } from '#actions/ledger/approved_execution'
import PostTransfer from '#actions/ledger/post_transfer'
import { Money } from '#domain/money/money'
import { requestHash } from '#domain/ledger/request_hash'

interface TransferPayload {
  debtorAccountId: number
  creditorAccountId: number
  amount: string
  currency: string
  reference: string | null
}

/** 'ledger.transfer' approved: books the transfer the maker filed */
export default class ApprovedTransfer implements ApprovalHandler {
  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = execution.approval.payload as unknown as TransferPayload
    const amount = Money.fromMinorString(payload.amount, payload.currency)
    const { transfer } = await new PostTransfer().handle({
      ...approvedPosting(execution),
      debtorAccountId: Number(payload.debtorAccountId),
      creditor: { accountId: Number(payload.creditorAccountId) },
      amount,
      reference: payload.reference ?? null,
      requestHash: requestHash({
        approval: execution.approval.id,
        debtor: Number(payload.debtorAccountId),
        creditor: Number(payload.creditorAccountId),
        amount: amount.minor,
        currency: amount.currency,
      }),
    })
    return { transactionId: transfer.id }
  }
}
