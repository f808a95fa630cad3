import { BaseTransformer } from '@adonisjs/core/transformers'
import type OpenBankingConsent from '#models/open_banking_consent'
import { consentHeader } from '#transformers/account_access_consent_transformer'

/** A domestic-payment consent as UK Open Banking v4 writes it (`Data`, ISO status codes) */
export default class DomesticPaymentConsentTransformer extends BaseTransformer<OpenBankingConsent> {
  toObject() {
    const consent = this.resource
    return {
      ...consentHeader(consent),
      ExpirationDateTime: consent.expiresAt?.toUTC().toISO() ?? null,
      Initiation: consent.initiation!,
    }
  }
}
