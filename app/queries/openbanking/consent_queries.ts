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

  /** The consent a partner token's grant was approved for, with its partner */
  forGrant(grantId: string) {
    return OpenBankingConsent.query().where('grant_id', grantId).preload('partner').first()
  }

  /** A partner's own consent of the given kind (the partner's GET/DELETE) */
  ownedByPartner(consentId: string, partnerId: number, kind: OpenBankingConsent['kind']) {
    return OpenBankingConsent.query().where('id', consentId).where('partner_id', partnerId).where('kind', kind).first()
  }
}
