import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import OpenBankingConsent from '#models/open_banking_consent'
import AuditTrail from '#services/audit/audit_trail'
import { revokeGrant } from '#services/oauth/oauth_store'
import { canMove } from '#domain/openbanking/consent'
import { CONSENT_REVOKED, consentSubject } from '#domain/openbanking/events'
import PublishPartnerEvent from '#actions/openbanking/publish_partner_event'
import type { Actor, RequestContext } from '#domain/audit/actor'
import ConsentStatusConflictException from '#exceptions/consent_status_conflict_exception'

/**
 * Revokes a consent (UK OB status CANC): by the partner (DELETE), by the
 * customer (their list of connected partners) or by staff (the partner
 * page). The row is locked; only a consent awaiting authorisation or
 * authorised can be revoked. Every token and code issued under its grant
 * is deleted in the same transaction, so the partner's next call is
 * refused on every instance; the partner is told (consent-revoked event,
 * outbox). Audited 'openbanking.consent.revoked'.
 * Throws: ConsentStatusConflict (already rejected, consumed, revoked or expired).
 */
export default class RevokeConsent {
  async handle(input: { consentId: string; actor: Actor; reason: string; context: RequestContext }) {
    return db.transaction(async (trx) => {
      const consent = await OpenBankingConsent.query({ client: trx }).where('id', input.consentId).forUpdate().firstOrFail()
      if (!canMove(consent.status, 'CANC')) throw new ConsentStatusConflictException()
      const before = consent.status
      consent.merge({ status: 'CANC', statusReason: input.reason, statusUpdatedAt: DateTime.now() })
      await consent.useTransaction(trx).save()
      if (consent.grantId) await revokeGrant(trx, consent.grantId)
      await new PublishPartnerEvent().handle({
        trx,
        partnerId: consent.partnerId,
        type: CONSENT_REVOKED,
        subject: consentSubject(consent.kind, consent.id),
        data: { ConsentId: consent.id, Status: 'CANC', StatusReason: input.reason },
      })
      await AuditTrail.record(
        {
          actor: input.actor,
          action: 'openbanking.consent.revoked',
          subject: { type: 'consent', id: consent.id },
          before: { status: before },
          after: { status: 'CANC', reason: input.reason },
          metadata: { partner_id: String(consent.partnerId) },
          ...input.context,
        },
        trx
      )
      return consent
    })
  }
}
