import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { errors } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import AuditTrail from '#services/audit/audit_trail'
import { toSubscriptionRecord, type EventSubscriptionRecord } from '#queries/openbanking/partner_event_queries'
import { eventTypesFor, eventTypesProblem } from '#domain/openbanking/events'
import type { RequestContext } from '#domain/audit/actor'
import type { createEventSubscriptionValidator } from '#validators/openbanking_events'
import EventSubscriptionExistsException from '#exceptions/event_subscription_exists_exception'

/**
 * A partner subscribes to events (POST /api/v1/event-subscriptions): a
 * callback URL for pushed SETs (none: polling only) and the event types,
 * which the token's scopes must cover (payments for payment events,
 * accounts for transfers, either for consents); none given: every type
 * they cover. One subscription per callback URL (and one without).
 * Audited 'openbanking.event_subscription.created'.
 * Throws: E_VALIDATION_ERROR (event types beyond the scopes),
 * EventSubscriptionExists.
 */
export default class CreateEventSubscription {
  async handle(input: {
    partnerId: number
    scopes: string[]
    request: Infer<typeof createEventSubscriptionValidator>
    context: RequestContext
  }): Promise<EventSubscriptionRecord> {
    const { Data } = input.request
    const eventTypes = Data.EventTypes ?? eventTypesFor(input.scopes)
    const problem = eventTypesProblem(eventTypes, input.scopes)
    if (problem || eventTypes.length === 0) {
      throw new errors.E_VALIDATION_ERROR([
        { field: 'Data.EventTypes', rule: 'scope', message: problem ?? 'Your token covers no event type' },
      ])
    }
    return db.transaction(async (trx) => {
      let rows
      try {
        rows = await trx
          .insertQuery()
          .table('openbanking_event_subscriptions')
          .insert({
            id: `evs-${randomUUID()}`,
            partner_id: input.partnerId,
            callback_url: Data.CallbackUrl ?? null,
            version: Data.Version,
            event_types: eventTypes,
          })
          .returning('*')
      } catch (error) {
        /* openbanking_event_subscriptions_callback: one per partner and callback URL (or none) */
        if ((error as { code?: string }).code === '23505') throw new EventSubscriptionExistsException()
        throw error
      }
      const subscription = toSubscriptionRecord(rows[0])
      await AuditTrail.record(
        {
          actor: { type: 'partner', id: input.partnerId },
          action: 'openbanking.event_subscription.created',
          subject: { type: 'event_subscription', id: subscription.id },
          after: { callback_url: subscription.callbackUrl, version: subscription.version, event_types: subscription.eventTypes },
          ...input.context,
        },
        trx
      )
      return subscription
    })
  }
}
