import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PublishPartnerEvent from '#actions/openbanking/publish_partner_event'
import { PAYMENT_STATUS_CHANGED } from '#domain/openbanking/events'
import type { PaymentStatus } from '#domain/openbanking/payment_initiation'

/**
 * Tells the partner (payment-status-changed event) about a domestic
 * payment's status, in the transaction that sets it: when it is submitted
 * (ACSC booked, PDNG held for the risk review) and when compliance settles
 * a held one (ACSC captured, RJCT released). Once per payment and status.
 */
export default class PublishPaymentStatus {
  async handle(trx: TransactionClientContract, payment: { id: string; consentId: string; partnerId: number }, status: PaymentStatus) {
    await new PublishPartnerEvent().handle({
      trx,
      partnerId: payment.partnerId,
      type: PAYMENT_STATUS_CHANGED,
      subject: { type: 'domestic-payment', id: payment.id },
      data: { DomesticPaymentId: payment.id, ConsentId: payment.consentId, Status: status },
      dedupeKey: `payment-status-changed:${payment.id}:${status}`,
    })
  }

  /** A held payment was settled: the partner payment behind it, if one is */
  async heldPaymentSettled(trx: TransactionClientContract, heldPaymentId: number, settled: 'captured' | 'released') {
    const payment = await trx
      .from('openbanking_payments')
      .where('held_payment_id', heldPaymentId)
      .select('id', 'consent_id', 'partner_id')
      .first()
    if (!payment) return
    const status = settled === 'captured' ? 'ACSC' : 'RJCT'
    await this.handle(trx, { id: payment.id, consentId: payment.consent_id, partnerId: Number(payment.partner_id) }, status)
  }
}
