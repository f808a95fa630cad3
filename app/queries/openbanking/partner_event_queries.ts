import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { PartnerEventType, SecurityEventClaims } from '#domain/openbanking/events'

/** A partner's event subscription (openbanking_event_subscriptions) */
export interface EventSubscriptionRecord {
  id: string
  seq: number
  partnerId: number
  callbackUrl: string | null
  version: string
  eventTypes: PartnerEventType[]
  createdAt: Date
  updatedAt: Date
}

export function toSubscriptionRecord(row: any): EventSubscriptionRecord {
  return {
    id: row.id,
    seq: Number(row.seq),
    partnerId: Number(row.partner_id),
    callbackUrl: row.callback_url,
    version: row.version,
    eventTypes: row.event_types,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** What the delivery job needs about one event and one subscription */
export interface DeliveryTarget {
  eventId: number
  jti: string
  partnerId: number
  partnerActive: boolean
  claims: SecurityEventClaims
  acknowledgedBy: 'push' | 'poll' | null
  subscriptionId: string
  callbackUrl: string | null
  /** this subscription's callback already answered 2xx for this event */
  delivered: boolean
  /** when the event was created (the delivery lag metric) */
  createdAt: Date
}

/**
 * Reads of the events module (subscriptions, events, push targets, the
 * consents that make a partner hear about money arriving). Writes are the
 * actions' (app/actions/openbanking/*event*).
 */
export default class PartnerEventQueries {
  /** A partner's subscriptions, oldest first */
  async subscriptionsOf(partnerId: number): Promise<EventSubscriptionRecord[]> {
    const rows = await db.from('openbanking_event_subscriptions').where('partner_id', partnerId).orderBy('seq')
    return rows.map(toSubscriptionRecord)
  }

  /** One of the partner's own subscriptions (null when absent or another partner's) */
  async ownedSubscription(id: string, partnerId: number, client: QueryClientContract = db.connection()) {
    const row = await client.from('openbanking_event_subscriptions').where({ id, partner_id: partnerId }).first()
    return row ? toSubscriptionRecord(row) : null
  }

  /** An active partner's subscriptions to this event type, with its client id (the SETs' audience) */
  async matchingSubscriptions(client: QueryClientContract, partnerId: number, type: PartnerEventType) {
    const rows = await client
      .from('openbanking_event_subscriptions as s')
      .join('partners as p', 'p.id', 's.partner_id')
      .where('s.partner_id', partnerId)
      .where('p.status', 'active')
      .whereRaw('? = any(s.event_types)', [type])
      .orderBy('s.seq')
      .select('s.id', 's.callback_url', 'p.client_id')
    return rows.map((row) => ({ id: row.id as string, callbackUrl: row.callback_url as string | null, clientId: row.client_id as string }))
  }

  /** One event and one subscription, for a push (null when either is gone) */
  async deliveryTarget(eventId: number, subscriptionId: string): Promise<DeliveryTarget | null> {
    const row = await db
      .from('openbanking_events as e')
      .join('partners as p', 'p.id', 'e.partner_id')
      .join('openbanking_event_subscriptions as s', (join) => {
        join.on('s.partner_id', '=', 'e.partner_id').andOnVal('s.id', '=', subscriptionId)
      })
      .where('e.id', eventId)
      .select('e.id', 'e.jti', 'e.partner_id', 'e.claims', 'e.acknowledged_by', 'e.created_at', 'p.status', 's.id as subscription_id', 's.callback_url')
      .select(
        db.raw(
          `exists (select 1 from openbanking_event_deliveries d
                    where d.event_id = e.id and d.subscription_id = s.id and d.outcome = 'delivered') as delivered`
        )
      )
      .first()
    if (!row) return null
    return {
      eventId: Number(row.id),
      jti: row.jti,
      partnerId: Number(row.partner_id),
      partnerActive: row.status === 'active',
      claims: row.claims,
      acknowledgedBy: row.acknowledged_by,
      subscriptionId: row.subscription_id,
      callbackUrl: row.callback_url,
      delivered: row.delivered,
      createdAt: new Date(row.created_at),
    }
  }

  /** The partner's unacknowledged events, oldest first, `limit` of them and whether more wait */
  async unacknowledged(partnerId: number, limit: number): Promise<{ events: Array<{ jti: string; claims: SecurityEventClaims }>; more: boolean }> {
    const rows = await db
      .from('openbanking_events')
      .where('partner_id', partnerId)
      .whereNull('acknowledged_at')
      .orderBy('id')
      .limit(limit + 1)
      .select('jti', 'claims')
    return { events: rows.slice(0, limit), more: rows.length > limit }
  }

  /**
   * The authorised account-access consents that share this account with
   * a partner allowed to see money coming in (ReadTransactionsCredits),
   * unexpired, with `bookedAt` inside their transaction window; one per
   * active partner (the oldest consent).
   */
  async consentsSeeingCredit(client: QueryClientContract, accountId: number, bookedAt: Date) {
    const rows = await client
      .from('openbanking_consents as c')
      .join('partners as p', 'p.id', 'c.partner_id')
      .where('c.kind', 'account_access')
      .where('c.status', 'AUTH')
      .where('p.status', 'active')
      .whereRaw('? = any(c.account_ids)', [accountId])
      .whereRaw(`'ReadTransactionsCredits' = any(c.permissions)`)
      .where((q) => q.whereNull('c.expires_at').orWhere('c.expires_at', '>', new Date()))
      .where((q) => q.whereNull('c.transactions_from').orWhere('c.transactions_from', '<=', bookedAt))
      .where((q) => q.whereNull('c.transactions_to').orWhere('c.transactions_to', '>=', bookedAt))
      .distinctOn('c.partner_id')
      .orderBy([{ column: 'c.partner_id' }, { column: 'c.seq' }])
      .select('c.id', 'c.partner_id')
    return rows.map((row) => ({ consentId: row.id as string, partnerId: Number(row.partner_id) }))
  }
}
