import { BaseTransformer } from '@adonisjs/core/transformers'
import type { DomesticPaymentRow } from '#queries/openbanking/domestic_payment_queries'

/** A domestic payment as UK Open Banking v4 writes it (ISO status, the Initiation it executed) */
export default class DomesticPaymentTransformer extends BaseTransformer<DomesticPaymentRow> {
  toObject() {
    const payment = this.resource
    return {
      DomesticPaymentId: payment.id,
      ConsentId: payment.consentId,
      Status: payment.status,
      CreationDateTime: payment.createdAt.toISOString(),
      StatusUpdateDateTime: payment.statusUpdatedAt.toISOString(),
      Initiation: payment.initiation,
    }
  }

  /** GET …/payment-details: the status with its reason (UK OB PaymentStatus) */
  details() {
    const payment = this.resource
    return {
      PaymentStatus: [
        {
          PaymentTransactionId: payment.transactionId === null ? null : String(payment.transactionId),
          Status: payment.status,
          StatusUpdateDateTime: payment.statusUpdatedAt.toISOString(),
          ...(payment.statusReason ? { StatusDetail: { StatusReason: payment.statusReason } } : {}),
        },
      ],
    }
  }
}
