import { BaseTransformer } from '@adonisjs/core/transformers'
import type { CustomerConsentRow } from '#queries/openbanking/consent_queries'
import { effectiveStatus } from '#domain/openbanking/consent'

/** A partner the customer connected (or refused), as the customer's own API lists it */
export default class CustomerConsentTransformer extends BaseTransformer<CustomerConsentRow> {
  toObject() {
    const { consent, partnerName, lastAccessAt, accessCount } = this.resource
    return {
      id: consent.id,
      partner: { name: partnerName },
      kind: consent.kind,
      status: effectiveStatus(consent.status, consent.expiresAt?.toJSDate() ?? null, new Date()),
      permissions: consent.permissions,
      accountIds: consent.accountIds.map(String),
      createdAt: consent.createdAt.toUTC().toISO()!,
      expiresAt: consent.expiresAt?.toUTC().toISO() ?? null,
      lastAccessAt: lastAccessAt ? new Date(lastAccessAt).toISOString() : null,
      accessCount,
    }
  }
}
