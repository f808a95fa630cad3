import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import RequestApproval from '#actions/approvals/request_approval'
import { amountIn } from '#domain/money/amount_input'
import { customerAccountByNumber } from '#queries/accounts/account_lookup'
import { fourEyesDecision } from '#actions/teller/four_eyes_decision'

export interface SubmitCashPostingInput {
  kind: 'deposit' | 'withdrawal'
  accountNumber: string
  /** decimal string in the account's currency */
  amount: string
  reference?: string | null
  /** From the teller form: a resubmission books (or files) once */
  idempotencyKey: string
  staff: StaffUser
  context: RequestContext
}

export type TellerOutcome =
  | { status: 'posted'; transactionId: number; replayed: boolean; message: string }
  | { status: 'pending_approval'; approvalId: number; replayed: boolean; message: string }

/**
 * A cash deposit or withdrawal at the counter. It is booked at once
 * (ledger_post_cash, idempotent per staff member and form key) unless it
 * would take a four-eyes running total above FOUR_EYES_POSTING_LIMIT: the
 * teller's, or the account's, over the last FOUR_EYES_WINDOW_HOURS (see
 * #actions/teller/four_eyes_decision; a posting above the limit on its own always
 * waits). Then a 'ledger.deposit' / 'ledger.withdrawal' approval is filed
 * with the same key and nothing moves until a second staff member
 * approves it. Check and booking share one transaction, serialised per
 * staff member and account.
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

    return db.transaction(async (trx) => {
      const decision = await fourEyesDecision(trx, {
        staffId: input.staff.id,
        accountIds: [account.id],
        amount,
        idempotencyKey: input.idempotencyKey,
      })
      if (decision === 'approve') {
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
          trx,
        })
        const message = `${what} ${where} is above the four-eyes limit: approval #${approval.id} is waiting for a second staff member.`
        return { status: 'pending_approval', approvalId: approval.id, replayed, message } as const
      }

      const action = input.kind === 'deposit' ? this.deposit : this.withdrawal
      const { transaction, replayed } = await action.handle({
        accountId: account.id,
        amount,
        reference: input.reference ?? null,
        idempotencyKey: input.idempotencyKey,
        actor: { type: 'staff', id: input.staff.id },
        context: input.context,
        trx,
      })
      const message = `${what} ${where} booked (transaction #${transaction.id}).`
      return { status: 'posted', transactionId: transaction.id, replayed, message } as const
    })
  }
}
