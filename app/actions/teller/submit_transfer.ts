import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import PostTransfer from '#actions/ledger/post_transfer'
import RequestApproval from '#actions/approvals/request_approval'
import type { TellerOutcome } from '#actions/teller/submit_cash_posting'
import { amountIn } from '#domain/money/amount_input'
import { customerAccountByNumber } from '#queries/accounts/account_lookup'
import { fourEyesDecision } from '#actions/teller/four_eyes_decision'

export interface SubmitTransferInput {
  fromAccountNumber: string
  toAccountNumber: string
  /** decimal string in the debtor account's currency */
  amount: string
  reference?: string | null
  idempotencyKey: string
  staff: StaffUser
  context: RequestContext
}

/**
 * A transfer between two customer accounts keyed in by a teller. Booked
 * at once (ledger_post_transfer, idempotent per staff member and form key)
 * unless it would take the teller's or either account's four-eyes running
 * total above the limit (#actions/teller/four_eyes_decision); then a
 * 'ledger.transfer' approval is filed with the same key. Check and
 * booking share one transaction, serialised per staff member and account.
 * Throws: AccountNotFound, InvalidAmount and the ledger's transfer failures.
 */
@inject()
export default class SubmitTransfer {
  constructor(
    private transfer: PostTransfer,
    private requestApproval: RequestApproval
  ) {}

  async handle(input: SubmitTransferInput): Promise<TellerOutcome> {
    const debtor = await customerAccountByNumber(input.fromAccountNumber)
    const creditor = await customerAccountByNumber(input.toAccountNumber)
    const amount = amountIn(input.amount, debtor.currency)
    const what = `Transfer of ${amount.toDecimalString()} ${amount.currency} from ${debtor.number} to ${creditor.number}`
    const payload = {
      debtorAccountId: debtor.id,
      creditorAccountId: creditor.id,
      amount: amount.toMinorString(),
      currency: amount.currency,
      reference: input.reference ?? null,
    }

    return db.transaction(async (trx) => {
      const decision = await fourEyesDecision(trx, {
        staffId: input.staff.id,
        accountIds: [debtor.id, creditor.id],
        amount,
        idempotencyKey: input.idempotencyKey,
      })
      if (decision === 'approve') {
        const { approval, replayed } = await this.requestApproval.handle({
          kind: 'ledger.transfer',
          summary: what,
          payload: { ...payload, debtorAccountNumber: debtor.number, creditorAccountNumber: creditor.number },
          subject: { type: 'account', id: debtor.id },
          maker: input.staff,
          idempotencyKey: input.idempotencyKey,
          context: input.context,
          trx,
        })
        const message = `${what} is above the four-eyes limit: approval #${approval.id} is waiting for a second staff member.`
        return { status: 'pending_approval', approvalId: approval.id, replayed, message } as const
      }

      const { transfer, replayed } = await this.transfer.handle({
        debtorAccountId: debtor.id,
        creditor: { accountId: creditor.id },
        amount,
        reference: input.reference ?? null,
        idempotencyKey: input.idempotencyKey,
        actor: { type: 'staff', id: input.staff.id },
        context: input.context,
        trx,
      })
      return { status: 'posted', transactionId: transfer.id, replayed, message: `${what} booked (transaction #${transfer.id}).` } as const
    })
  }
}
