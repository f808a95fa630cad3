import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import OpenBankingConsent from '#models/open_banking_consent'
import type Partner from '#models/partner'
import AuditTrail from '#services/audit/audit_trail'
import openbankingConfig from '#config/openbanking'
import { canonicalInitiation } from '#domain/openbanking/payment_initiation'
import type { RequestContext } from '#domain/audit/actor'
import { moneyFromInput } from '#exceptions/invalid_amount_exception'
import type { createDomesticPaymentConsentValidator } from '#validators/openbanking'

/**
 * A partner asks to make one domestic payment from a customer's account:
 * the consent stores the Initiation (amount, payee account number,
 * reference) as AWAU for openbankingConfig.paymentConsentMinutes. The
 * customer chooses the debtor account and approves it on the consent
 * page; the payment itself is POST /domestic-payments. Audited.
 * Throws: InvalidAmount (not positive, or more decimals than the currency has).
 */
export default class CreateDomesticPaymentConsent {
  async handle(input: {
    partner: Partner
    request: Infer<typeof createDomesticPaymentConsentValidator>
    context: RequestContext
  }): Promise<OpenBankingConsent> {
    const initiation = canonicalInitiation(input.request.Data.Initiation)
    /* refuse now what the payment would refuse later (e.g. 1.005 GBP), before the customer authorises it */
    moneyFromInput(initiation.InstructedAmount.Amount, initiation.InstructedAmount.Currency)
    return db.transaction(async (trx) => {
      const consent = await OpenBankingConsent.create(
        {
          id: `pdc-${randomUUID()}`,
          kind: 'domestic_payment',
          partnerId: input.partner.id,
          status: 'AWAU',
          permissions: [],
          initiation,
          expiresAt: DateTime.utc().plus({ minutes: openbankingConfig.paymentConsentMinutes }),
        },
        { client: trx }
      )
      await AuditTrail.record(
        {
          actor: { type: 'partner', id: input.partner.id },
          action: 'openbanking.consent.created',
          subject: { type: 'consent', id: consent.id },
          after: { kind: consent.kind, initiation },
          ...input.context,
        },
        trx
      )
      return consent
    })
  }
}
