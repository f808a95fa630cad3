import { BaseTransformer } from '@adonisjs/core/transformers'
import type OpenBankingConsent from '#models/open_banking_consent'
import { effectiveStatus } from '#domain/openbanking/consent'

/** What every consent shows (UK OB v4): its id, ISO status (EXPD once past its expiry) and dates */
export function consentHeader(consent: OpenBankingConsent) {
  return {
    ConsentId: consent.id,
    Status: effectiveStatus(consent.status, consent.expiresAt?.toJSDate() ?? null, new Date()),
    StatusReason: consent.statusReason ?? null,
    CreationDateTime: consent.createdAt.toUTC().toISO()!,
    StatusUpdateDateTime: consent.statusUpdatedAt.toUTC().toISO()!,
  }
}

/**
 * An account-access consent as UK Open Banking v4 writes it (`Data` with
 * PascalCase members, ISO status codes). Which accounts the customer chose
 * is not told to the partner here: it sees them on GET /accounts.
 */
export default class AccountAccessConsentTransformer extends BaseTransformer<OpenBankingConsent> {
  toObject() {
    const consent = this.resource
    return {
      ...consentHeader(consent),
      Permissions: consent.permissions,
      ExpirationDateTime: consent.expiresAt?.toUTC().toISO() ?? null,
      TransactionFromDateTime: consent.transactionsFrom?.toUTC().toISO() ?? null,
      TransactionToDateTime: consent.transactionsTo?.toUTC().toISO() ?? null,
    }
  }
}
