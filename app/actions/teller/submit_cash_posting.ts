import { inject } from '@adonisjs/core'
import type StaffUser from '#models/staff_user'
import type { AuditRequestContext } from '#services/audit_trail'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import RequestApproval from '#actions/approvals/request_approval'
import { amountIn, customerAccountByNumber, needsFourEyes } from '#services/teller_accounts'

export interface SubmitCashPostingInput {
  kind: 'deposit' | 'withdrawal'
  accountNumber: string
  /** decimal string in the account's currency */
  amount: string
  reference?: string | null
  /** From the teller form: a resubmission books (or files) once */
  idempotencyKey: string
  staff: StaffUser
  context: AuditRequestContext
}

export type TellerOutcome =
  | { status: 'posted'; transactionId: number; replayed: boolean; message: string }
  | { status: 'pending_approval'; approvalId: number; replayed: boolean; message: string }

/**
 * A cash deposit or withdrawal at the counter. At or below the four-eyes
 * limit it is booked at once (ledger_post_cash, idempotent per staff
 * member and form key); above it, a 'ledger.deposit' / 'ledger.withdrawal'
 * approval is filed with the same key and nothing moves until a second
 * staff member approves it.
 * Throws: AccountNotFound, InvalidAmount and the ledger's posting failures.
 */
@inject()
export default class SubmitCashPosting {
  constructor(
    private deposit: PostDeposit,
    private withdrawal: PostWithdrawal,
    private requestApproval: RequestApproval
  ) {}

  async handle(input: SubmitCashPostingInput): Promise<TellerOutcome> {
    const account = await customerAccountByNumber(input.accountNumber)
    const amount = amountIn(input.amount, account.currency)
    const what = `${input.kind === 'deposit' ? 'Deposit' : 'Withdrawal'} of ${amount.toDecimalString()} ${amount.currency}`
    const where = `${input.kind === 'deposit' ? 'to' : 'from'} ${account.number}`

    if (needsFourEyes(amount)) {
      const { approval, replayed } = await this.requestApproval.handle({
        kind: input.kind === 'deposit' ? 'ledger.deposit' : 'ledger.withdrawal',
        summary: `${what} ${where}`,
        payload: {
          accountId: account.id,
          accountNumber: account.number,
          amount: amount.toMinorString(),
          currency: amount.currency,
          reference: input.reference ?? null,
        },
        subject: { type: 'account', id: account.id },
        maker: input.staff,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
      })
      const message = `${what} ${where} is above the four-eyes limit: approval #${approval.id} is waiting for a second staff member.`
      return { status: 'pending_approval', approvalId: approval.id, replayed, message }
    }

    const action = input.kind === 'deposit' ? this.deposit : this.withdrawal
    const { transaction, replayed } = await action.handle({
      accountId: account.id,
      amount,
      reference: input.reference ?? null,
      idempotencyKey: input.idempotencyKey,
      actor: { type: 'staff', id: input.staff.id },
      requestId: input.context.requestId ?? undefined,
      ip: input.context.ip ?? undefined,
    })
    const message = `${what} ${where} booked (transaction #${transaction.id}).`
    return { status: 'posted', transactionId: transaction.id, replayed, message }
  }
}
