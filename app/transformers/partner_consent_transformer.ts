import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type OpenBankingConsent from '#models/open_banking_consent'
import { canMove, effectiveStatus } from '#domain/openbanking/consent'

/**
 * A consent on the partner page (PartnerQueries.consents: the customer's
 * name and number and the access count in $extras). `effectiveStatus`
 * shows an authorised consent past its expiry as expired (EXPD).
 */
export default class PartnerConsentTransformer extends BaseTransformer<OpenBankingConsent> {
  toObject() {
    const c = this.resource
    const customerId = c.customerId === null ? null : Number(c.customerId)
    const shown = effectiveStatus(c.status, c.expiresAt?.toJSDate() ?? null, new Date())
    return {
      id: c.id,
      kind: c.kind,
      status: c.status,
      effectiveStatus: shown,
      /** awaiting authorisation or authorised, and not past its expiry: staff may revoke it */
      revocable: canMove(shown, 'CANC'),
      statusReason: c.statusReason,
      permissions: c.permissions,
      customer:
        customerId === null
          ? null
          : {
              id: customerId,
              fullName: (c.$extras.customer_name as string | null) ?? null,
              number: (c.$extras.customer_number as string | null) ?? null,
              url: router.urlBuilder.urlFor('backoffice.customers.show', { id: customerId }),
            },
      accessCount: Number(c.$extras.access_count ?? 0),
      createdAt: c.createdAt.toISO(),
      expiresAt: c.expiresAt?.toISO() ?? null,
      statusUpdatedAt: c.statusUpdatedAt.toISO(),
      urls: {
        /** the partner page with this consent's access log open */
        accessLog: router.urlBuilder.urlFor('backoffice.partners.show', { id: Number(c.partnerId) }, { qs: { consent: c.id } }),
        revoke: router.urlBuilder.urlFor('backoffice.partners.consents.revoke', { id: Number(c.partnerId), consentId: c.id }),
      },
    }
  }
}
