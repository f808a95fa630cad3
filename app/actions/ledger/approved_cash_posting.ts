import { inject } from '@adonisjs/core'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import { approvedPosting } from '#actions/ledger/approved_execution'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import { Money } from '#domain/money/money'

interface CashPayload {
  accountId: number
  amount: string
  currency: string
  reference: string | null
}

/** 'ledger.deposit' / 'ledger.withdrawal' approved: books the cash posting the maker filed */
@inject()
export default class ApprovedCashPosting implements ApprovalHandler {
  constructor(
    private deposit: PostDeposit,
    private withdrawal: PostWithdrawal
  ) {}

  async execute(execution: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = execution.approval.payload as unknown as CashPayload
    const action = execution.approval.kind === 'ledger.withdrawal' ? this.withdrawal : this.deposit
    const { transaction } = await action.handle({
      ...approvedPosting(execution),
      accountId: Number(payload.accountId),
      amount: Money.fromMinorString(payload.amount, payload.currency),
      reference: payload.reference ?? null,
    })
    return { transactionId: transaction.id }
  }
}
