import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import openbankingConfig from '#config/openbanking'
import PartnerEventQueries from '#queries/openbanking/partner_event_queries'
import jobQueue from '#services/queue/job_queue'
import { EVENT_TYPES, securityEventClaims, type EventSubject, type PartnerEventType } from '#domain/openbanking/events'

export interface PublishPartnerEventInput {
  /** The transaction of the change the partner is told about */
  trx: TransactionClientContract
  partnerId: number
  type: PartnerEventType
  subject: EventSubject
  /** The event's members (JSON: strings, no bigint), e.g. { ConsentId, Status } */
  data: Record<string, unknown>
  /**
   * Unique per partner for one occurrence (default `<type>:<subject id>`,
   * right for what happens once per subject, like a revocation; a payment
   * changes status several times: include the status): a second publish
   * with the same key publishes nothing
   */
  dedupeKey?: string
  /** RFC 8417 `txn`: ties SETs about one transaction together */
  txn?: string
  /** When it happened (`toe`); default now */
  occurredAt?: Date
}

/**
 * What producers call to tell a partner about a change, INSIDE the
 * change's transaction: when the partner (active) subscribes to the event
 * type, stores the event (its SET claims, a new jti, the partner's client
 * id as audience) and enqueues one 'openbanking.deliver_event' job per
 * subscription that has a callback (transactional outbox); a
 * subscription without a callback polls (POST /api/v1/events). Nobody
 * subscribed: nothing is stored. Returns the event's jti, or null when
 * nothing was published (no subscriber, or the dedupe key was used).
 * Throws: Error for an unknown event type (a producer bug).
 */
@inject()
export default class PublishPartnerEvent {
  constructor(private queries: PartnerEventQueries = new PartnerEventQueries()) {}

  async handle(input: PublishPartnerEventInput): Promise<string | null> {
    if (!EVENT_TYPES.includes(input.type)) throw new Error(`unknown partner event type ${input.type}`)
    const subscriptions = await this.queries.matchingSubscriptions(input.trx, input.partnerId, input.type)
    if (subscriptions.length === 0) return null

    const jti = randomUUID()
    const now = new Date()
    const claims = securityEventClaims({
      issuer: openbankingConfig.issuer,
      clientId: subscriptions[0].clientId,
      jti,
      type: input.type,
      subject: input.subject,
      data: input.data,
      issuedAt: now,
      occurredAt: input.occurredAt ?? now,
      txn: input.txn,
    })
    const { rows } = await input.trx.rawQuery(
      `insert into openbanking_events (jti, partner_id, type, subject_type, subject_id, dedupe_key, claims, created_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
       on conflict (partner_id, dedupe_key) do nothing
       returning id`,
      [
        jti,
        input.partnerId,
        input.type,
        input.subject.type,
        input.subject.id,
        input.dedupeKey ?? `${input.type}:${input.subject.id}`,
        JSON.stringify(claims),
        now,
      ]
    )
    const [row] = rows
    if (!row) return null

    for (const subscription of subscriptions) {
      if (!subscription.callbackUrl) continue
      await jobQueue.enqueue(input.trx, 'openbanking.deliver_event', { eventId: Number(row.id), subscriptionId: subscription.id })
    }
    return jti
  }
}
