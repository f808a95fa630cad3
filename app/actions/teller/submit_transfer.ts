import { inject } from '@adonisjs/core'
import type StaffUser from '#models/staff_user'
import type { AuditRequestContext } from '#services/audit_trail'
import PostTransfer from '#actions/ledger/post_transfer'
import RequestApproval from '#actions/approvals/request_approval'
import type { TellerOutcome } from '#actions/teller/submit_cash_posting'
import { requestHash } from '#domain/ledger/request_hash'
import { amountIn, customerAccountByNumber, needsFourEyes } from '#services/teller_accounts'

export interface SubmitTransferInput {
  fromAccountNumber: string
  toAccountNumber: string
  /** decimal string in the debtor account's currency */
  amount: string
  reference?: string | null
  idempotencyKey: string
  staff: StaffUser
  context: AuditRequestContext
}

/**
 * A transfer between two customer accounts keyed in by a teller. At or
 * below the four-eyes limit it is booked at once (ledger_post_transfer,
 * idempotent per staff member and form key); above it a 'ledger.transfer'
 * approval is filed with the same key.
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

    if (needsFourEyes(amount)) {
      const { approval, replayed } = await this.requestApproval.handle({
        kind: 'ledger.transfer',
        summary: what,
        payload: { ...payload, debtorAccountNumber: debtor.number, creditorAccountNumber: creditor.number },
        subject: { type: 'account', id: debtor.id },
        maker: input.staff,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
      })
      const message = `${what} is above the four-eyes limit: approval #${approval.id} is waiting for a second staff member.`
      return { status: 'pending_approval', approvalId: approval.id, replayed, message }
    }

    const { transfer, replayed } = await this.transfer.handle({
      debtorAccountId: debtor.id,
      creditor: { accountId: creditor.id },
      amount,
      reference: input.reference ?? null,
      idempotencyKey: input.idempotencyKey,
      requestHash: requestHash(payload),
      actor: { type: 'staff', id: input.staff.id },
      requestId: input.context.requestId ?? undefined,
      ip: input.context.ip ?? undefined,
    })
    return { status: 'posted', transactionId: transfer.id, replayed, message: `${what} booked (transaction #${transfer.id}).` }
  }
}
