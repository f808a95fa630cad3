import db from '@adonisjs/lucid/services/db'
import pg from 'pg'
import { databaseLocation } from '#config/database'
import type { DatabaseEndpoint } from '#services/database/database_location'

/**
 * What the backup actions read from the live database and from copies of
 * it: the newest audit event (every money movement and staff action writes
 * one in its own transaction, so it dates the last committed change) and
 * the server's version.
 */
export interface RecoveryPoint {
  /** occurred_at of the newest audit event, ISO, or null on an empty trail */
  at: string | null
  lastEventId: number | null
  events: number
  transactions: number
}

const RECOVERY_POINT_SQL = `select (select max(occurred_at) from audit_events) as at,
  (select max(id) from audit_events) as last_event_id,
  (select count(*) from audit_events) as events,
  (select count(*) from ledger_transactions) as transactions`

const toPoint = (row: any): RecoveryPoint => ({
  at: row.at ? new Date(row.at).toISOString() : null,
  lastEventId: row.last_event_id === null ? null : Number(row.last_event_id),
  events: Number(row.events),
  transactions: Number(row.transactions),
})

export async function liveRecoveryPoint(): Promise<RecoveryPoint> {
  const { rows } = await db.rawQuery(RECOVERY_POINT_SQL)
  return toPoint(rows[0])
}

/**
 * The live database's data lost by a copy whose newest event is
 * `copyLastEventId`: the oldest live event committed at or before `until`
 * that the copy lacks (null: the copy lacks nothing up to `until`).
 */
export async function oldestMissingEvent(copyLastEventId: number | null, until: Date): Promise<Date | null> {
  const { rows } = await db.rawQuery('select min(occurred_at) as at from audit_events where id > ? and occurred_at <= ?', [
    copyLastEventId ?? 0,
    until,
  ])
  return rows[0].at ? new Date(rows[0].at) : null
}

export async function copyRecoveryPoint(endpoint: DatabaseEndpoint): Promise<RecoveryPoint> {
  const client = await connect(endpoint)
  try {
    return toPoint((await client.query(RECOVERY_POINT_SQL)).rows[0])
  } finally {
    await client.end()
  }
}

export async function serverVersion(): Promise<string> {
  const { rows } = await db.rawQuery('show server_version')
  return String(rows[0].server_version)
}

/** The live database as its owner (the role that may dump everything and create databases) */
export function liveOwner(): DatabaseEndpoint {
  return { ...databaseLocation.owner }
}

export async function connect(endpoint: DatabaseEndpoint): Promise<pg.Client> {
  const client = new pg.Client({ ...endpoint, connectionTimeoutMillis: 10_000 })
  await client.connect()
  return client
}
