import { BaseTransformer } from '@adonisjs/core/transformers'
import type OpenBankingConsent from '#models/open_banking_consent'
import { effectiveStatus } from '#domain/openbanking/consent'

/** A domestic-payment consent as UK Open Banking v4 writes it (`Data`, ISO status codes) */
export default class DomesticPaymentConsentTransformer extends BaseTransformer<OpenBankingConsent> {
  toObject() {
    const consent = this.resource
    return {
      ConsentId: consent.id,
      Status: effectiveStatus(consent.status, consent.expiresAt?.toJSDate() ?? null, new Date()),
      StatusReason: consent.statusReason ?? null,
      CreationDateTime: consent.createdAt.toUTC().toISO()!,
      StatusUpdateDateTime: consent.statusUpdatedAt.toUTC().toISO()!,
      ExpirationDateTime: consent.expiresAt?.toUTC().toISO() ?? null,
      Initiation: consent.initiation!,
    }
  }
}
