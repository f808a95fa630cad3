import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { Money } from '#domain/money/money'
import PostTransfer from '#actions/ledger/post_transfer'
import PublishPaymentStatus from '#actions/openbanking/publish_payment_status'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import HeldPaymentNotFoundException from '#exceptions/held_payment_not_found_exception'
import HeldPaymentSettledException from '#exceptions/held_payment_settled_exception'

export interface SettleHeldPaymentInput {
  heldPaymentId: number
  /** capture: the payment goes ahead to its payee; release: it is cancelled and the money is available again */
  outcome: 'capture' | 'release'
  actor: Actor
  context?: RequestContext
  /** Join the caller's transaction (an approved four-eyes request) */
  trx?: TransactionClientContract
}

export interface SettledHeldPayment {
  heldPaymentId: number
  status: 'captured' | 'released'
  transactionId: number | null
}

/**
 * Compliance's decision on a payment held for review, in ONE transaction:
 * the held-payment row is locked and must still be held; the hold is
 * released (ledger_settle_hold) and, on capture, the transfer to the payee
 * is posted (PostTransfer, idempotency key `held-payment:<id>` of the
 * deciding staff member; the limits were counted when the payment was
 * held, so payment_guard is not run again). Both postings announce
 * themselves ('ledger.posted': hold released, money sent and received).
 * A partner's payment behind it is announced to the partner (payment
 * status changed: ACSC or RJCT). Four-eyes above the limit is the
 * caller's (the alert page's) rule.
 * Throws: HeldPaymentNotFound, HeldPaymentSettled, and on capture
 * PostTransfer's errors (AccountFrozen: freeze happened meanwhile, …).
 */
@inject()
export default class SettleHeldPayment {
  constructor(private postTransfer: PostTransfer) {}

  async handle(input: SettleHeldPaymentInput): Promise<SettledHeldPayment> {
    const run = async (trx: TransactionClientContract) => {
      const held = await trx.from('risk_held_payments').where('id', input.heldPaymentId).forUpdate().first()
      if (!held) throw new HeldPaymentNotFoundException()
      if (held.status !== 'held') throw new HeldPaymentSettledException()
      const metadata = { held_payment_id: String(held.id), outcome: input.outcome }

      await callLedgerFunction(
        'ledger_settle_hold(?::bigint, null::bigint, null::text, null::text, ?::jsonb)',
        [held.hold_id, JSON.stringify(auditEnvelope(input.actor, input.context, metadata))],
        trx,
        { holdId: Number(held.hold_id) }
      )
      let transactionId: number | null = null
      if (input.outcome === 'capture') {
        const { transfer } = await this.postTransfer.handle({
          actor: input.actor,
          debtorAccountId: Number(held.debtor_account_id),
          creditor: { accountId: Number(held.creditor_account_id) },
          amount: Money.fromMinorString(String(held.amount), held.currency),
          reference: held.reference,
          idempotencyKey: `held-payment:${held.id}`,
          metadata: { ...metadata, customer_id: String(held.customer_id) },
          context: input.context,
          trx,
        })
        transactionId = transfer.id
      }
      const status = input.outcome === 'capture' ? 'captured' : 'released'
      await trx
        .from('risk_held_payments')
        .where('id', held.id)
        .update({
          status,
          transaction_id: transactionId,
          settled_by: input.actor.type === 'staff' ? input.actor.id : null,
          settled_at: new Date(),
        })
      await new PublishPaymentStatus().heldPaymentSettled(trx, Number(held.id), status)
      return { heldPaymentId: Number(held.id), status, transactionId } as SettledHeldPayment
    }
    return input.trx ? run(input.trx) : db.transaction(run)
  }
}
