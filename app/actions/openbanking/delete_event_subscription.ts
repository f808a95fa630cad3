import db from '@adonisjs/lucid/services/db'
import AuditTrail from '#services/audit/audit_trail'
import { toSubscriptionRecord } from '#queries/openbanking/partner_event_queries'
import type { RequestContext } from '#domain/audit/actor'
import EventSubscriptionNotFoundException from '#exceptions/event_subscription_not_found_exception'

/**
 * A partner ends one of its subscriptions (DELETE): nothing more is
 * published for it; queued pushes find it gone and send nothing; its
 * delivery log stays (subscription_id set null). Events already stored
 * stay pollable. Audited 'openbanking.event_subscription.deleted'.
 * Throws: EventSubscriptionNotFound (not this partner's).
 */
export default class DeleteEventSubscription {
  async handle(input: { subscriptionId: string; partnerId: number; context: RequestContext }): Promise<void> {
    await db.transaction(async (trx) => {
      const [row] = await trx
        .from('openbanking_event_subscriptions')
        .where({ id: input.subscriptionId, partner_id: input.partnerId })
        .delete()
        .returning('*')
      if (!row) throw new EventSubscriptionNotFoundException()
      const deleted = toSubscriptionRecord(row)
      await AuditTrail.record(
        {
          actor: { type: 'partner', id: input.partnerId },
          action: 'openbanking.event_subscription.deleted',
          subject: { type: 'event_subscription', id: deleted.id },
          before: { callback_url: deleted.callbackUrl, version: deleted.version, event_types: deleted.eventTypes },
          ...input.context,
        },
        trx
      )
    })
  }
}
