import OpenBankingConsent from '#models/open_banking_consent'
import Partner from '#models/partner'

/** Consent look-ups for the authorization server, the consent page and the resource endpoints */
export default class ConsentQueries {
  /** A consent of this client's partner that still awaits the customer's decision and has not expired */
  awaitingAuthorisation(consentId: string, clientId: string) {
    return OpenBankingConsent.query()
      .where('id', consentId)
      .where('status', 'AWAU')
      .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', new Date()))
      .whereIn('partner_id', Partner.query().select('id').where('client_id', clientId).where('status', 'active'))
      .first()
  }

  async idForGrant(grantId: string): Promise<string | null> {
    const consent = await OpenBankingConsent.query().where('grant_id', grantId).select('id').first()
    return consent?.id ?? null
  }

  /** The consent a partner token's grant was approved for (one indexed read per partner request) */
  forGrant(grantId: string) {
    return OpenBankingConsent.query().where('grant_id', grantId).first()
  }

  /** A partner's own consent of the given kind (the partner's GET/DELETE) */
  ownedByPartner(consentId: string, partnerId: number, kind: OpenBankingConsent['kind']) {
    return OpenBankingConsent.query().where('id', consentId).where('partner_id', partnerId).where('kind', kind).first()
  }
}

/** A consent in the customer's list of connected partners */
export interface CustomerConsentRow {
  consent: OpenBankingConsent
  partnerName: string
  lastAccessAt: Date | null
  accessCount: number
}

/** The customer's decided consents (newest first), with how often and when the partner last used each */
export async function customerConsentPage(
  customerId: number,
  options: { limit: number; beforeSeq: number | null }
): Promise<{ data: CustomerConsentRow[]; hasMore: boolean }> {
  const query = OpenBankingConsent.query()
    .where('customer_id', customerId)
    .preload('partner')
    .select('*')
    .select(
      OpenBankingConsent.query()
        .client.from('openbanking_access_log as l')
        .whereColumn('l.consent_id', 'openbanking_consents.id')
        .max('l.at')
        .as('last_access_at'),
      OpenBankingConsent.query()
        .client.from('openbanking_access_log as l')
        .whereColumn('l.consent_id', 'openbanking_consents.id')
        .count('*')
        .as('access_count')
    )
    .orderBy('seq', 'desc')
    .limit(options.limit + 1)
  if (options.beforeSeq !== null) query.where('seq', '<', options.beforeSeq)
  const rows = await query
  return {
    data: rows.slice(0, options.limit).map((consent) => ({
      consent,
      partnerName: consent.partner.name,
      lastAccessAt: consent.$extras.last_access_at ?? null,
      accessCount: Number(consent.$extras.access_count ?? 0),
    })),
    hasMore: rows.length > options.limit,
  }
}
