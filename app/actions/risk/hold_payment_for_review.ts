import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Money } from '#domain/money/money'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { idempotencyScope, transferRequestHash } from '#domain/ledger/request_hash'
import { type HoldRecord, toHoldRecord } from '#domain/ledger/records'
import type { RiskAssessment } from '#domain/risk/assess_risk'
import type { RiskEvent } from '#domain/risk/risk_event'
import { type PaymentGuard, paymentGuardJson } from '#actions/ledger/post_transfer'
import RaiseAlert from '#actions/risk/raise_alert'
import { callLedgerFunction } from '#services/ledger/ledger_functions'
import { RETRYABLE_SQLSTATES } from '#services/ledger/ledger_errors'

export interface HoldPaymentForReviewInput {
  customerId: number
  debtorAccountId: number
  creditor: { accountId: number } | { accountNumber: string }
  amount: Money
  reference: string | null
  idempotencyKey: string
  payment: PaymentGuard
  /** Absent on a replay (the key already holds this payment) */
  review?: { assessment: RiskAssessment; event: RiskEvent }
  /** Dynamic linking: verifies the authorisation and the code in the same transaction, before the hold */
  verify?: (trx: TransactionClientContract) => Promise<void>
  context?: RequestContext
}

/** A concurrent payment of the same customer may deadlock with the hold (40P01), a twin request race it (40001) */
const MAX_ATTEMPTS = 3

export interface HeldPayment {
  heldPaymentId: number
  hold: HoldRecord
  creditorAccountId: number
  replayed: boolean
}

/**
 * A customer payment that the risk rules sent to review: in ONE
 * transaction, the money is held on the debtor account instead of moving
 * (ledger_hold_payment: the payment's own rules, limits and dynamic
 * linking, then a hold under the payment's idempotency key), the held
 * payment is recorded, an alert is raised for compliance, and the hold's
 * 'ledger.posted' job tells the customer. The same key again replays the
 * held payment (Idempotent-Replayed) without assessing it again.
 * Throws: PostTransfer's errors (funds, frozen, KYC, …), the raw SRL20/SRL21.
 */
@inject()
export default class HoldPaymentForReview {
  constructor(private raiseAlert: RaiseAlert) {}

  async handle(input: HoldPaymentForReviewInput): Promise<HeldPayment> {
    const actor: Actor = { type: 'customer', id: input.customerId }
    const scope = idempotencyScope(actor)
    const creditorId = 'accountId' in input.creditor ? input.creditor.accountId : null
    const creditorNumber = 'accountNumber' in input.creditor ? input.creditor.accountNumber : null
    const holdOnce = () => db.transaction(async (trx) => {
      if (input.verify && input.review) await input.verify(trx)
      const row = await callLedgerFunction(
        `ledger_hold_payment(?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::text, ?::bigint, ?::text,
          ?::text, ?::bigint, ?::jsonb, ?::jsonb)`,
        [
          scope,
          input.idempotencyKey,
          transferRequestHash(input),
          input.debtorAccountId,
          creditorId,
          creditorNumber,
          input.amount.toMinorString(),
          input.amount.currency,
          'payment held for review',
          input.customerId,
          JSON.stringify(paymentGuardJson(input.payment)),
          JSON.stringify(auditEnvelope(actor, input.context, { risk: 'review' })),
        ],
        trx,
        { scope, key: input.idempotencyKey }
      )
      const hold = toHoldRecord(row)
      const creditorAccountId = Number(row.creditor_account_id)
      if (row.replayed === true || !input.review) {
        const held = await trx.from('risk_held_payments').where('hold_id', hold.id).select('id').firstOrFail()
        return { heldPaymentId: Number(held.id), hold, creditorAccountId, replayed: true }
      }
      const [held] = await trx
        .table('risk_held_payments')
        .insert({
          hold_id: hold.id,
          customer_id: input.customerId,
          debtor_account_id: input.debtorAccountId,
          creditor_account_id: creditorAccountId,
          amount: input.amount.toMinorString(),
          currency: input.amount.currency,
          reference: input.reference,
        })
        .returning('id')
      const heldPaymentId = Number(held.id)
      await this.raiseAlert.handle({
        trx,
        assessment: input.review.assessment,
        event: input.review.event,
        subject: { customerId: input.customerId, accountId: input.debtorAccountId, heldPaymentId },
        dedupeKey: `payment:${scope}:${input.idempotencyKey}`,
        context: input.context,
      })
      return { heldPaymentId, hold, creditorAccountId, replayed: false }
    })
    for (let attempt = 1; ; attempt++) {
      try {
        return await holdOnce()
      } catch (error: any) {
        if (attempt < MAX_ATTEMPTS && RETRYABLE_SQLSTATES.has(error?.code)) continue
        throw error
      }
    }
  }
}
