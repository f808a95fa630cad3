import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import AuditEvent from '#models/audit_event'
import AuditVerification from '#models/audit_verification'
import type { ActorType } from '#domain/audit/actor'
import { openAuditValues } from '#services/audit/audit_sealed_values'

export interface AuditEventFilters {
  actorType?: ActorType
  actorId?: string
  /** a staff member's email: resolved to actor staff + id */
  actorEmail?: string
  /** prefix match: 'ledger.' finds ledger.transfer.posted ... */
  action?: string
  subjectType?: string
  subjectId?: string
  /** calendar days (UTC), inclusive */
  from?: string
  to?: string
}

export interface AuditPageQuery extends AuditEventFilters {
  before?: number
  after?: number
  perPage: number
}

/** Opens the sealed values of events' before/after/metadata in memory (one keyring call) */
export async function openSealedValues(events: AuditEvent[]) {
  const opened = await openAuditValues(events.map((e) => [e.before ?? null, e.after ?? null, e.metadata ?? null]))
  events.forEach((event, i) => {
    const [before, after, metadata] = opened[i]
    event.$attributes.before = before
    event.$attributes.after = after
    event.$attributes.metadata = metadata
  })
}

/** Escapes LIKE wildcards so that a prefix is always literal */
const likePrefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Reads of the audit trail for the backoffice. Newest first with keyset
 * pagination on id (no count(*) and no OFFSET over a big table); each
 * filter is served by an index: (actor_type, actor_id, id),
 * (action varchar_pattern_ops, id), (subject_type, subject_id, id),
 * occurred_at. `client`: the read replica for the list
 * (app/services/database/read_replica.ts), the primary by default.
 */
export default class AuditQueries {
  constructor(private client: QueryClientContract = db.connection()) {}

  async page(query: AuditPageQuery) {
    const builder = AuditEvent.query({ client: this.client })
    await this.applyFilters(builder, query)
    const newerFirst = query.after === undefined
    if (query.before !== undefined) builder.where('id', '<', query.before)
    if (query.after !== undefined) builder.where('id', '>', query.after)
    const rows = await builder.orderBy('id', newerFirst ? 'desc' : 'asc').limit(query.perPage + 1)
    const more = rows.length > query.perPage
    const events = rows.slice(0, query.perPage)
    if (!newerFirst) events.reverse()
    await openSealedValues(events)
    const first = events[0]?.id ?? null
    const last = events.at(-1)?.id ?? null
    return {
      events,
      /** cursors for the "newer" / "older" links (null: nothing that way) */
      newer: first !== null && (newerFirst ? query.before !== undefined : more) ? Number(first) : null,
      older: last !== null && (newerFirst ? more : true) ? Number(last) : null,
    }
  }

  private async applyFilters(builder: ReturnType<typeof AuditEvent.query>, f: AuditEventFilters) {
    if (f.actorEmail) {
      const staff = await this.client.from('staff_users').whereRaw('lower(email) = ?', [f.actorEmail]).select('id').first()
      builder.where('actorType', 'staff').where('actorId', staff ? String(staff.id) : '')
    } else {
      if (f.actorType) builder.where('actorType', f.actorType)
      if (f.actorId) builder.where('actorId', f.actorId)
    }
    if (f.action) builder.whereRaw('action like ?', [likePrefix(f.action)])
    if (f.subjectType) builder.where('subjectType', f.subjectType)
    if (f.subjectId) builder.where('subjectId', f.subjectId)
    if (f.from) builder.whereRaw(`occurred_at >= (?::date)::timestamp at time zone 'UTC'`, [f.from])
    if (f.to) builder.whereRaw(`occurred_at < (?::date + 1)::timestamp at time zone 'UTC'`, [f.to])
  }

  /** Emails of the staff actors among `events`, by id (one query) */
  async staffEmails(events: AuditEvent[]): Promise<Map<string, string>> {
    const ids = [...new Set(events.filter((e) => e.actorType === 'staff' && e.actorId).map((e) => e.actorId!))]
    if (ids.length === 0) return new Map()
    const rows = await this.client.from('staff_users').whereIn('id', ids.map(Number)).select('id', 'email')
    return new Map(rows.map((r) => [String(r.id), r.email as string]))
  }

  /**
   * One event, with the personal values sealed in it (a customer's name or
   * email) opened for display: '[erased]' once the customer's key is gone.
   * The row itself is not changed (its hash covers the sealed form).
   */
  async find(id: number) {
    const event = await AuditEvent.findOrFail(id, { client: this.client })
    await openSealedValues([event])
    return event
  }

  /** The block that seals this event, if it is sealed yet */
  async blockOf(eventId: number) {
    const row = await this.client
      .from('audit_seals as s')
      .join('audit_blocks as b', 'b.id', 's.block_id')
      .where('s.event_id', eventId)
      .select('b.id', 'b.prev_hash', 'b.block_hash', 'b.sealed_at', 'b.event_count', 'b.first_event_id', 'b.last_event_id')
      .first()
    return row ?? null
  }

  /** The chain status panel: last sealed block and last verification run */
  async chainStatus() {
    const lastBlock = await this.client
      .from('audit_blocks')
      .orderBy('id', 'desc')
      .select('id', 'block_hash', 'sealed_at', 'event_count', 'last_event_id')
      .first()
    const lastRun = await AuditVerification.query({ client: this.client }).preload('runner').orderBy('id', 'desc').first()
    return { lastBlock: lastBlock ?? null, lastRun }
  }
}
