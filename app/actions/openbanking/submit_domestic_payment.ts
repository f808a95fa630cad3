import { inject } from '@adonisjs/core'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import PostCustomerPayment from '#actions/payments/post_customer_payment'
import type OpenBankingConsent from '#models/open_banking_consent'
import AuditTrail from '#services/audit/audit_trail'
import PublishPaymentStatus from '#actions/openbanking/publish_payment_status'
import { sameInitiation } from '#domain/openbanking/payment_initiation'
import type { RequestContext } from '#domain/audit/actor'
import type { createDomesticPaymentValidator } from '#validators/openbanking'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'
import ScaRequiredException from '#exceptions/sca_required_exception'
import ConsentConsumedException from '#exceptions/consent_consumed_exception'
import PaymentInitiationMismatchException from '#exceptions/payment_initiation_mismatch_exception'

/**
 * A partner's domestic payment under an authorised payment consent: the
 * body must repeat the consent's id and Initiation; the payment posts as
 * the customer's (PostCustomerPayment: limits, risk rules, frozen and KYC
 * checks, idempotency) with the consent's dynamic-linking authorisation,
 * which the posting consumes in its own transaction: of any number of
 * concurrent submissions one books, the others get E_CONSENT_CONSUMED.
 * The partner's Idempotency-Key is scoped to the partner
 * (`ob-<partner>:<key>`): the same key again returns the same payment.
 * Then the payment is recorded and the consent becomes COND (consumed),
 * both idempotent, with an 'openbanking.payment.submitted' audit row and
 * the partner's payment-status-changed event (ACSC, or PDNG when held).
 * Throws: PaymentInitiationMismatch, ConsentConsumed, and
 * PostCustomerPayment's refusals (insufficient funds, limits, blocked...).
 */
@inject()
export default class SubmitDomesticPayment {
  constructor(private postPayment: PostCustomerPayment) {}

  async handle(input: {
    consent: OpenBankingConsent
    request: Infer<typeof createDomesticPaymentValidator>
    context: RequestContext
  }) {
    const { consent, request } = input
    const initiation = consent.initiation!
    if (request.Data.ConsentId !== consent.id || !sameInitiation(request.Data.Initiation, initiation)) {
      throw new PaymentInitiationMismatchException()
    }
    const result = await this.postPayment
      .handle({
        customerId: consent.customerId!,
        debtorAccountId: consent.accountIds[0],
        creditor: { accountNumber: initiation.CreditorAccount.Identification },
        amount: moneyFromInput(initiation.InstructedAmount.Amount, initiation.InstructedAmount.Currency),
        reference: initiation.RemittanceInformation?.Reference ?? null,
        idempotencyKey: `ob-${consent.partnerId}:${request.headers['idempotency-key']}`,
        consent: { consentId: consent.id, partnerId: consent.partnerId, authorisationId: consent.paymentAuthorisationId! },
        context: input.context,
      })
      .catch((error) => {
        throw error instanceof ScaRequiredException ? new ConsentConsumedException() : error
      })

    const paymentId = await db.transaction(async (trx) => {
      const inserted = await trx.rawQuery(
        `insert into openbanking_payments (id, consent_id, partner_id, customer_id, transaction_id, held_payment_id, idempotency_key)
         values (?, ?, ?, ?, ?, ?, ?) on conflict (consent_id) do nothing returning id`,
        bindings(
          `dp-${randomUUID()}`, consent.id, consent.partnerId, consent.customerId,
          result.transfer?.id ?? null, result.held?.heldPaymentId ?? null, request.headers['idempotency-key']
        )
      )
      if (inserted.rows.length === 0) {
        const existing = await trx.from('openbanking_payments').where('consent_id', consent.id).select('id').first()
        return String(existing.id)
      }
      await trx.from('openbanking_consents').where('id', consent.id).where('status', 'AUTH')
        .update({ status: 'COND', status_updated_at: new Date() })
      const payment = { id: String(inserted.rows[0].id), consentId: consent.id, partnerId: consent.partnerId }
      await new PublishPaymentStatus().handle(trx, payment, result.transfer ? 'ACSC' : 'PDNG')
      await AuditTrail.record(
        {
          actor: { type: 'partner', id: consent.partnerId },
          action: 'openbanking.payment.submitted',
          subject: { type: 'domestic_payment', id: inserted.rows[0].id },
          after: { consent_id: consent.id, outcome: result.transfer ? 'booked' : 'held_for_review' },
          metadata: { customer_id: String(consent.customerId) },
          ...input.context,
        },
        trx
      )
      return String(inserted.rows[0].id)
    })
    return { paymentId, replayed: result.replayed }
  }
}

/** Positional bindings of a raw statement (SQL NULL for null) */
function bindings(...values: Array<string | number | null>): any[] {
  return values
}
