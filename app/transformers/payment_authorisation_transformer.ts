import { BaseTransformer } from '@adonisjs/core/transformers'
import type { PaymentAuthorisationRecord } from '#actions/payments/create_payment_authorisation'

/**
 * A payment authorisation in /api/v1: what the customer is asked to
 * approve (debtor, payee, amount) and until when; the TOTP code and the
 * id then go with the transfer as `sca`.
 */
export default class PaymentAuthorisationTransformer extends BaseTransformer<PaymentAuthorisationRecord> {
  toObject() {
    const authorisation = this.resource
    return {
      id: authorisation.id,
      status: 'pending',
      debtorAccountId: String(authorisation.debtorAccountId),
      creditor: {
        accountId: String(authorisation.creditorAccountId),
        accountNumber: authorisation.creditorAccountNumber,
      },
      amount: { amount: authorisation.amount.toDecimalString(), currency: authorisation.amount.currency },
      scaMethod: 'totp',
      createdAt: authorisation.createdAt.toISOString(),
      expiresAt: authorisation.expiresAt.toISOString(),
    }
  }
}
