import { inject } from '@adonisjs/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PaymentGuard } from '#actions/ledger/post_transfer'
import AssessEvent from '#actions/risk/assess_event'
import RaiseAlert from '#actions/risk/raise_alert'
import HoldPaymentForReview, { type HeldPayment } from '#actions/risk/hold_payment_for_review'
import type { RequestContext } from '#domain/audit/actor'
import { idempotencyScope } from '#domain/ledger/request_hash'
import type { Money } from '#domain/money/money'
import type { RiskEvent } from '#domain/risk/risk_event'
import PaymentBlockedException from '#exceptions/payment_blocked_exception'

export interface ScreenPaymentInput {
  customerId: number
  debtorAccountId: number
  creditor: { accountId: number } | { accountNumber: string }
  amount: Money
  reference: string | null
  idempotencyKey: string
  payment: PaymentGuard
  /** Dynamic linking, checked inside the hold's transaction when the payment is held */
  verify?: (trx: TransactionClientContract) => Promise<void>
  context: RequestContext
}

/**
 * The inline risk rules of a customer payment, before anything is booked:
 * one read gives the customer's history and whether the key was used
 * (AssessEvent), then the pure assessment decides.
 * - block: an alert (its own transaction), then PaymentBlocked; nothing booked;
 * - review: HoldPaymentForReview (money held, alert, the key bound to the hold);
 * - allow or alert: null, the payment books as usual (money-laundering
 *   alerts come from the scoring after commit: no tipping off).
 * A key already used is never assessed again: a held payment replays, any
 * other posting is left to PostTransfer's replay.
 * Throws: PaymentBlocked, and HoldPaymentForReview's errors.
 */
@inject()
export default class ScreenPayment {
  constructor(
    private assess: AssessEvent,
    private raiseAlert: RaiseAlert,
    private holdForReview: HoldPaymentForReview
  ) {}

  async handle(input: ScreenPaymentInput): Promise<HeldPayment | null> {
    const scope = idempotencyScope({ type: 'customer', id: input.customerId })
    const event: RiskEvent = {
      kind: 'payment',
      at: new Date(),
      customerId: input.customerId,
      accountId: input.debtorAccountId,
      amount: input.amount,
      payeeAccountId: 'accountId' in input.creditor ? input.creditor.accountId : null,
      channel: 'api',
    }
    const { assessment, keyResource } = await this.assess.handle({
      event,
      idempotency: { scope, key: input.idempotencyKey },
      payeeNumber: 'accountNumber' in input.creditor ? input.creditor.accountNumber : null,
    })
    if (keyResource === 'hold') return this.holdForReview.handle(input)
    if (keyResource !== null) return null
    if (assessment.decision === 'block') {
      await this.raiseAlert.handle({
        assessment,
        event,
        subject: { customerId: input.customerId, accountId: input.debtorAccountId },
        dedupeKey: `payment:${scope}:${input.idempotencyKey}`,
        context: input.context,
      })
      throw new PaymentBlockedException()
    }
    if (assessment.decision !== 'review') return null
    return this.holdForReview.handle({ ...input, review: { assessment, event } })
  }
}
