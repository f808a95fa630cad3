import { inject } from '@adonisjs/core'
import type Approval from '#models/approval'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import RequestApproval from '#actions/approvals/request_approval'
import { amountIn } from '#domain/money/amount_input'
import { customerAccountByNumber } from '#queries/accounts/account_lookup'
import AccountClosedException from '#exceptions/account_closed_exception'

export interface RequestAdjustmentInput {
  accountNumber: string
  direction: 'credit' | 'debit'
  /** decimal string in the account's currency */
  amount: string
  reason: string
  idempotencyKey: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Manual adjustments are always four-eyes: files a 'ledger.adjustment'
 * approval; once approved, PostAdjustment credits or debits the account
 * against the bank's suspense account of its currency.
 * Throws: AccountNotFound, AccountClosed, InvalidAmount.
 */
@inject()
export default class RequestAdjustment {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: RequestAdjustmentInput): Promise<{ approval: Approval; replayed: boolean }> {
    const account = await customerAccountByNumber(input.accountNumber)
    if (account.status === 'closed') throw new AccountClosedException()
    const amount = amountIn(input.amount, account.currency)
    const verb = input.direction === 'credit' ? 'Credit' : 'Debit'
    return this.requestApproval.handle({
      kind: 'ledger.adjustment',
      summary: `${verb} ${amount.toDecimalString()} ${amount.currency} ${input.direction === 'credit' ? 'to' : 'from'} ${account.number} against suspense: ${input.reason}`,
      payload: {
        accountId: account.id,
        accountNumber: account.number,
        direction: input.direction,
        amount: amount.toMinorString(),
        currency: amount.currency,
        reason: input.reason,
      },
      subject: { type: 'account', id: account.id },
      maker: input.staff,
      makerReason: input.reason,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
    })
  }
}
