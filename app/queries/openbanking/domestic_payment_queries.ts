import db from '@adonisjs/lucid/services/db'
import type { PaymentInitiation, PaymentStatus } from '#domain/openbanking/payment_initiation'

export interface DomesticPaymentRow {
  id: string
  consentId: string
  status: PaymentStatus
  statusReason: string | null
  createdAt: Date
  statusUpdatedAt: Date
  initiation: PaymentInitiation
  transactionId: number | null
}

/**
 * A partner's domestic payment and its status now (ISO codes): ACSC when
 * booked (directly, or captured after review), PDNG while the risk review
 * holds it, RJCT when the review released it.
 */
export async function partnerPayment(paymentId: string, partnerId: number): Promise<DomesticPaymentRow | null> {
  const row = await db
    .from('openbanking_payments as p')
    .join('openbanking_consents as c', 'c.id', 'p.consent_id')
    .leftJoin('risk_held_payments as h', 'h.id', 'p.held_payment_id')
    .where('p.id', paymentId)
    .where('p.partner_id', partnerId)
    .select(
      'p.id', 'p.consent_id', 'p.created_at', 'p.transaction_id', 'c.initiation',
      'h.status as held_status', 'h.transaction_id as held_transaction_id', 'h.settled_at as held_settled_at'
    )
    .first()
  if (!row) return null
  const status: PaymentStatus =
    row.transaction_id || row.held_status === 'captured' ? 'ACSC' : row.held_status === 'released' ? 'RJCT' : 'PDNG'
  return {
    id: row.id,
    consentId: row.consent_id,
    status,
    statusReason: status === 'RJCT' ? 'Refused after the bank\'s risk review' : status === 'PDNG' ? 'Under the bank\'s risk review' : null,
    createdAt: new Date(row.created_at),
    statusUpdatedAt: new Date(row.held_settled_at ?? row.created_at),
    initiation: row.initiation,
    transactionId: row.transaction_id ?? row.held_transaction_id ?? null,
  }
}
