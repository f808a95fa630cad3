import db from '@adonisjs/lucid/services/db'
import { toSubscriptionRecord, type EventSubscriptionRecord } from '#queries/openbanking/partner_event_queries'
import type { DeliveryOutcome, PartnerEventType } from '#domain/openbanking/events'

/** One push attempt, as staff see it on the partner page */
export interface EventDeliveryLogRow {
  id: number
  attemptedAt: Date
  /** the SET's jti (what the partner dedupes by) */
  eventJti: string
  eventType: PartnerEventType
  subjectType: string
  subjectId: string
  /** null once the partner deleted the subscription */
  subscriptionId: string | null
  callbackUrl: string
  /** 1 for the first try, then each retry of the queue */
  attempt: number
  outcome: DeliveryOutcome
  statusCode: number | null
  error: string | null
  durationMs: number | null
}

/** A partner's events at a glance: its subscriptions, what waits, how the last day went */
export interface EventDeliverySummary {
  subscriptions: EventSubscriptionRecord[]
  /** events not acknowledged yet (neither a 2xx to a push nor an ack in a poll) */
  unacknowledgedEvents: number
  /** attempts in the last 24 hours by outcome */
  lastDay: Record<DeliveryOutcome, number>
  lastDeliveredAt: Date | null
}

/**
 * The delivery log of partner events for staff (backoffice partner
 * page): every push attempt, newest first, keyset-paginated by id
 * (`beforeId` = the last row's id of the previous page), optionally one
 * outcome only; and a summary.
 */
export default class EventDeliveryLogQuery {
  async forPartner(
    partnerId: number,
    options: { limit?: number; beforeId?: number | null; outcome?: DeliveryOutcome } = {}
  ): Promise<{ data: EventDeliveryLogRow[]; nextBeforeId: number | null }> {
    const limit = options.limit ?? 50
    const query = db
      .from('openbanking_event_deliveries as d')
      .join('openbanking_events as e', 'e.id', 'd.event_id')
      .where('d.partner_id', partnerId)
      .orderBy('d.id', 'desc')
      .limit(limit + 1)
      .select(
        'd.id',
        'd.attempted_at',
        'e.jti',
        'e.type',
        'e.subject_type',
        'e.subject_id',
        'd.subscription_id',
        'd.callback_url',
        'd.attempt',
        'd.outcome',
        'd.status_code',
        'd.error',
        'd.duration_ms'
      )
    if (options.beforeId) query.where('d.id', '<', options.beforeId)
    if (options.outcome) query.where('d.outcome', options.outcome)
    const rows = await query
    const data = rows.slice(0, limit).map((row) => ({
      id: Number(row.id),
      attemptedAt: row.attempted_at,
      eventJti: row.jti,
      eventType: row.type,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      subscriptionId: row.subscription_id,
      callbackUrl: row.callback_url,
      attempt: row.attempt,
      outcome: row.outcome,
      statusCode: row.status_code,
      error: row.error,
      durationMs: row.duration_ms,
    }))
    return { data, nextBeforeId: rows.length > limit ? data[data.length - 1].id : null }
  }

  async summary(partnerId: number): Promise<EventDeliverySummary> {
    const [subscriptions, pending, outcomes, delivered] = await Promise.all([
      db.from('openbanking_event_subscriptions').where('partner_id', partnerId).orderBy('seq'),
      db.from('openbanking_events').where('partner_id', partnerId).whereNull('acknowledged_at').count('* as n').first(),
      db
        .from('openbanking_event_deliveries')
        .where('partner_id', partnerId)
        .where('attempted_at', '>', new Date(Date.now() - 24 * 3600 * 1000))
        .groupBy('outcome')
        .select('outcome')
        .count('* as n'),
      db.from('openbanking_event_deliveries').where({ partner_id: partnerId, outcome: 'delivered' }).max('attempted_at as at').first(),
    ])
    const lastDay: Record<DeliveryOutcome, number> = { delivered: 0, failed: 0, rejected: 0, unavailable: 0 }
    for (const row of outcomes) lastDay[row.outcome as DeliveryOutcome] = Number(row.n)
    return {
      subscriptions: subscriptions.map(toSubscriptionRecord),
      unacknowledgedEvents: Number(pending?.n ?? 0),
      lastDay,
      lastDeliveredAt: delivered?.at ?? null,
    }
  }
}
