import db from '@adonisjs/lucid/services/db'
import { errors } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import AuditTrail from '#services/audit/audit_trail'
import { toSubscriptionRecord, type EventSubscriptionRecord } from '#queries/openbanking/partner_event_queries'
import { eventTypesProblem } from '#domain/openbanking/events'
import type { RequestContext } from '#domain/audit/actor'
import type { updateEventSubscriptionValidator } from '#validators/openbanking_events'
import EventSubscriptionExistsException from '#exceptions/event_subscription_exists_exception'
import EventSubscriptionNotFoundException from '#exceptions/event_subscription_not_found_exception'

/**
 * A partner changes one of its subscriptions (PATCH): the members given
 * replace the stored ones (CallbackUrl null: polling only from now on).
 * Jobs already queued for the old callback are sent to the new one.
 * Audited 'openbanking.event_subscription.updated' with before and after.
 * Throws: EventSubscriptionNotFound (not this partner's),
 * E_VALIDATION_ERROR (event types beyond the token's scopes),
 * EventSubscriptionExists (another of its subscriptions has that callback).
 */
export default class UpdateEventSubscription {
  async handle(input: {
    subscriptionId: string
    partnerId: number
    scopes: string[]
    request: Infer<typeof updateEventSubscriptionValidator>
    context: RequestContext
  }): Promise<EventSubscriptionRecord> {
    const { Data } = input.request
    if (Data.EventTypes) {
      const problem = eventTypesProblem(Data.EventTypes, input.scopes)
      if (problem) throw new errors.E_VALIDATION_ERROR([{ field: 'Data.EventTypes', rule: 'scope', message: problem }])
    }
    return db.transaction(async (trx) => {
      const current = await trx
        .from('openbanking_event_subscriptions')
        .where({ id: input.subscriptionId, partner_id: input.partnerId })
        .forUpdate()
        .first()
      if (!current) throw new EventSubscriptionNotFoundException()
      const before = toSubscriptionRecord(current)
      const changes = {
        callback_url: Data.CallbackUrl === undefined ? before.callbackUrl : Data.CallbackUrl,
        version: Data.Version ?? before.version,
        event_types: Data.EventTypes ?? before.eventTypes,
      }
      let updated
      try {
        ;[updated] = await trx
          .from('openbanking_event_subscriptions')
          .where('id', before.id)
          .update({ ...changes, updated_at: new Date() })
          .returning('*')
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new EventSubscriptionExistsException()
        throw error
      }
      const after = toSubscriptionRecord(updated)
      await AuditTrail.record(
        {
          actor: { type: 'partner', id: input.partnerId },
          action: 'openbanking.event_subscription.updated',
          subject: { type: 'event_subscription', id: after.id },
          before: { callback_url: before.callbackUrl, version: before.version, event_types: before.eventTypes },
          after: { callback_url: after.callbackUrl, version: after.version, event_types: after.eventTypes },
          ...input.context,
        },
        trx
      )
      return after
    })
  }
}
