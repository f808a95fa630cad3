import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type Approval from '#models/approval'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import RequestApproval from '#actions/approvals/request_approval'
import { Money } from '#domain/money/money'
import TransactionNotFoundException from '#exceptions/transaction_not_found_exception'
import TransactionNotReversibleException from '#exceptions/transaction_not_reversible_exception'
import TransactionAlreadyReversedException from '#exceptions/transaction_already_reversed_exception'
import ReversalAlreadyRequestedException from '#exceptions/reversal_already_requested_exception'

export interface RequestReversalInput {
  transactionId: number
  reason: string
  idempotencyKey: string
  staff: StaffUser
  context: RequestContext
}

/**
 * Reversals are always four-eyes: files a 'ledger.reversal' approval (the
 * handler books it once approved). Refuses early what could never be
 * booked: a missing transaction, a reversal, one already reversed, one
 * with a reversal already waiting (a resubmitted form returns its request).
 * Throws: TransactionNotFound, TransactionNotReversible,
 * TransactionAlreadyReversed, ReversalAlreadyRequested.
 */
@inject()
export default class RequestReversal {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: RequestReversalInput): Promise<{ approval: Approval; replayed: boolean }> {
    const txn = await db.from('ledger_transactions').where('id', input.transactionId).first()
    if (!txn) throw new TransactionNotFoundException()
    if (txn.kind === 'reversal') throw new TransactionNotReversibleException()
    const reversed = await db.from('ledger_transactions').where('reverses_id', txn.id).first()
    if (reversed) throw new TransactionAlreadyReversedException()
    const waiting = await db
      .from('approvals')
      .where({ kind: 'ledger.reversal', status: 'pending', subject_type: 'ledger_transaction' })
      .where('subject_id', String(txn.id))
      .whereNot((q) => q.where('maker_id', input.staff.id).where('idempotency_key', input.idempotencyKey))
      .first()
    if (waiting) throw new ReversalAlreadyRequestedException()

    const amount = Money.fromMinorString(String(txn.amount), txn.currency)
    return this.requestApproval.handle({
      kind: 'ledger.reversal',
      summary: `Reverse transaction #${txn.id} (${txn.kind}, ${amount.toDecimalString()} ${amount.currency}): ${input.reason}`,
      payload: { transactionId: Number(txn.id), reason: input.reason },
      subject: { type: 'ledger_transaction', id: Number(txn.id) },
      maker: input.staff,
      makerReason: input.reason,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
    })
  }
}
