import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { parseId } from '#domain/api/cursor'
import type { Channel } from '#domain/notifications/events'
import NotificationNotFoundException from '#exceptions/notification_not_found_exception'

/** One notification as the API and the mail see it */
export interface NotificationRecord {
  id: number
  customerId: number
  event: string
  title: string
  body: string
  readAt: Date | null
  mailedAt: Date | null
  createdAt: Date
}

export interface StoredChoice {
  event: string
  channel: Channel
  enabled: boolean
}

const COLUMNS = ['id', 'customer_id', 'event', 'title', 'body', 'read_at', 'mailed_at', 'created_at']

export function toNotificationRecord(row: any): NotificationRecord {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    event: row.event,
    title: row.title,
    body: row.body,
    readAt: row.read_at ? new Date(row.read_at) : null,
    mailedAt: row.mailed_at ? new Date(row.mailed_at) : null,
    createdAt: new Date(row.created_at),
  }
}

/**
 * Reads of the notifications module. What a customer sees is scoped to
 * their own rows shown in-app (ownership by query): another customer's
 * notification and a malformed id are both E_NOTIFICATION_NOT_FOUND.
 */
export default class NotificationQueries {
  /** The customer's visible notifications, newest first (id descending), one page and whether more follow */
  async page(customerId: number, options: { limit: number; beforeId: number | null; unread: boolean }) {
    const query = db
      .from('notifications')
      .where({ customer_id: customerId, in_app: true })
      .select(COLUMNS)
      .orderBy('id', 'desc')
      .limit(options.limit + 1)
    if (options.beforeId !== null) query.where('id', '<', options.beforeId)
    if (options.unread) query.whereNull('read_at')
    const rows = (await query).map(toNotificationRecord)
    return { data: rows.slice(0, options.limit), hasMore: rows.length > options.limit }
  }

  /** One of the customer's visible notifications (locked when a transaction is given) */
  async findOwned(customerId: number, rawId: unknown, trx?: TransactionClientContract): Promise<NotificationRecord> {
    const id = parseId(rawId)
    const query = (trx ?? db).from('notifications').where({ id: id ?? 0, customer_id: customerId, in_app: true }).select(COLUMNS)
    if (trx) query.forUpdate()
    const row = id === null ? null : await query.first()
    if (!row) throw new NotificationNotFoundException()
    return toNotificationRecord(row)
  }

  /** Any notification by id (the mail job), or null */
  async find(id: number): Promise<NotificationRecord | null> {
    const row = await db.from('notifications').where('id', id).select(COLUMNS).first()
    return row ? toNotificationRecord(row) : null
  }

  /** What the customer chose (absent event × channel pairs follow the defaults) */
  async choices(customerId: number, client: TransactionClientContract | typeof db = db): Promise<StoredChoice[]> {
    const rows = await client
      .from('notification_preferences')
      .where('customer_id', customerId)
      .select('event', 'channel', 'enabled')
    return rows.map((row: any) => ({ event: row.event, channel: row.channel, enabled: row.enabled === true }))
  }
}
