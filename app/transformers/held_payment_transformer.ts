import { BaseTransformer } from '@adonisjs/core/transformers'
import type { HeldPayment } from '#actions/risk/hold_payment_for_review'

/**
 * A payment held for review in /api/v1 (202 Accepted): not booked, the
 * amount reserved on the debtor account until the bank decides. No
 * transfer id yet; the customer is told the outcome by notification.
 */
export default class HeldPaymentTransformer extends BaseTransformer<HeldPayment> {
  toObject() {
    const { hold, heldPaymentId, creditorAccountId } = this.resource
    return {
      id: null,
      status: 'pending_review' as const,
      heldPaymentId: String(heldPaymentId),
      debtorAccountId: String(hold.accountId),
      creditorAccountId: String(creditorAccountId),
      amount: { amount: hold.amount.toDecimalString(), currency: hold.amount.currency },
      createdAt: hold.createdAt.toISO(),
    }
  }
}
