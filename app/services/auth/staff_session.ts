import { randomUUID } from 'node:crypto'
import staffConfig from '#config/staff'
import db from '@adonisjs/lucid/services/db'
import type { Session } from '@adonisjs/session'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'

/**
 * Server-side staff sessions (table staff_sessions). The session cookie
 * (whatever the session store: cookie, memory) carries only the random id
 * of the row, under STAFF_SESSION_KEY; the row holds when the session
 * started, when it was last used, the staff member's session_version at
 * that moment and whether it ended. The backoffice middleware accepts a
 * request only while the row is open, holds the current version and is
 * within the idle (STAFF_SESSION_IDLE_MINUTES, default 30) and absolute
 * (STAFF_SESSION_MAX_HOURS, default 12) limits, judged from the database's
 * clock. Logout, a timeout or deactivation end the row, so every copy of
 * the cookie is refused on every instance; a version bump (signed out
 * elsewhere, password changed, 2FA reset, role change) does the same.
 */
export const STAFF_SESSION_KEY = 'backoffice_staff_session'

export type StaffSessionVerdict = 'ok' | 'idle' | 'absolute' | 'revoked' | 'ended' | 'missing'
export type StaffSessionEndReason = 'logout' | 'idle' | 'absolute' | 'revoked' | 'deactivated' | 'missing'

/** A staff_sessions row as judged (epoch milliseconds) */
export interface StaffSessionRecord {
  createdAt: number
  lastSeenAt: number
  endedAt: number | null
  version: number
}

export const EXPIRY_MESSAGES: Record<Exclude<StaffSessionVerdict, 'ok'>, string> = {
  idle: 'You were signed out after a period of inactivity. Please sign in again.',
  absolute: 'Your session reached its maximum length. Please sign in again.',
  revoked: 'Your session was ended (signed out elsewhere, password or access changed). Please sign in again.',
  ended: 'This session was signed out. Please sign in again.',
  missing: 'Your session has expired. Please sign in again.',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function staffSessionLimits() {
  return {
    idleMs: staffConfig.sessionIdleMs,
    maxMs: staffConfig.sessionMaxMs,
  }
}

/** Pure verdict on a session record; ended and revoked win, then the absolute limit, then idle */
export function judgeStaffSession(
  record: StaffSessionRecord | undefined | null,
  currentVersion: number,
  now: number,
  limits = staffSessionLimits()
): StaffSessionVerdict {
  if (!record) return 'missing'
  if (record.endedAt !== null) return 'ended'
  if (record.version !== currentVersion) return 'revoked'
  if (now - record.createdAt >= limits.maxMs) return 'absolute'
  if (now - record.lastSeenAt >= limits.idleMs) return 'idle'
  return 'ok'
}

function sessionId(session: Session): string | null {
  const stored = session.get(STAFF_SESSION_KEY) as { id?: unknown } | undefined
  return typeof stored?.id === 'string' && UUID.test(stored.id) ? stored.id : null
}

/** Right after the second factor: a new server-side session row, its id in the session */
export async function startStaffSession(
  session: Session,
  staff: { id: number | bigint; sessionVersion: number },
  ip: string | null = null
) {
  const id = randomUUID()
  await db.table('staff_sessions').insert({
    id,
    staff_user_id: Number(staff.id),
    session_version: Number(staff.sessionVersion),
    ip: ip?.slice(0, 64) ?? null,
  })
  session.put(STAFF_SESSION_KEY, { id })
  return id
}

/**
 * Ends this session server-side (logout): every copy of the cookie is
 * refused from now on. Audited 'staff.session.ended' when `context` is given.
 */
export async function endStaffSession(
  session: Session,
  reason: StaffSessionEndReason = 'logout',
  context?: RequestContext
) {
  const id = sessionId(session)
  session.forget(STAFF_SESSION_KEY)
  if (!id) return
  await db.transaction(async (trx) => {
    const [ended] = await trx
      .from('staff_sessions')
      .where('id', id)
      .whereNull('ended_at')
      .update({ ended_at: trx.raw('now()'), end_reason: reason })
      .returning(['staff_user_id', 'created_at'])
    if (!ended || !context) return
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: Number(ended.staff_user_id) },
        action: 'staff.session.ended',
        subject: { type: 'staff_user', id: Number(ended.staff_user_id) },
        metadata: { reason, signed_in_at: new Date(ended.created_at).toISOString() },
        ...context,
      },
      trx
    )
  })
}

/** Ends every open session of a staff member (deactivation), inside the caller's transaction */
export async function endAllStaffSessions(client: QueryClientContract, staffId: number, reason: StaffSessionEndReason) {
  await client
    .from('staff_sessions')
    .where('staff_user_id', staffId)
    .whereNull('ended_at')
    .update({ ended_at: client.raw('now()'), end_reason: reason })
}

/** Keeps the current session valid after this request bumped the version itself */
export async function adoptSessionVersion(session: Session, version: number) {
  const id = sessionId(session)
  if (id) await db.from('staff_sessions').where('id', id).whereNull('ended_at').update({ session_version: version })
}

/**
 * Checks the session and, when valid, records this request as activity:
 * one indexed UPDATE on the hot path. Only a refused session reads its row
 * to say why, and ends it (idle, absolute, revoked) for every copy.
 */
export async function touchStaffSession(
  session: Session,
  staff: { id: number | bigint; sessionVersion: number },
  limits = staffSessionLimits()
): Promise<{ verdict: StaffSessionVerdict; record: StaffSessionRecord | null }> {
  const id = sessionId(session)
  if (!id) {
    session.forget(STAFF_SESSION_KEY)
    return { verdict: 'missing', record: null }
  }
  const touched = await db.rawQuery(
    `update staff_sessions set last_seen_at = now()
      where id = ? and staff_user_id = ? and ended_at is null and session_version = ?
        and created_at > now() - (?::double precision * interval '1 millisecond')
        and last_seen_at > now() - (?::double precision * interval '1 millisecond')
      returning id`,
    [id, Number(staff.id), Number(staff.sessionVersion), limits.maxMs, limits.idleMs]
  )
  if (touched.rows.length === 1) return { verdict: 'ok', record: null }

  const { rows } = await db.rawQuery(
    `select created_at, last_seen_at, ended_at, session_version, now() as db_now
       from staff_sessions where id = ? and staff_user_id = ?`,
    [id, Number(staff.id)]
  )
  const row = rows[0]
  const record: StaffSessionRecord | null = row
    ? {
        createdAt: new Date(row.created_at).getTime(),
        lastSeenAt: new Date(row.last_seen_at).getTime(),
        endedAt: row.ended_at ? new Date(row.ended_at).getTime() : null,
        version: Number(row.session_version),
      }
    : null
  const verdict = judgeStaffSession(record, Number(staff.sessionVersion), row ? new Date(row.db_now).getTime() : 0, limits)
  if (verdict === 'ok') return { verdict, record }
  session.forget(STAFF_SESSION_KEY)
  if (record && record.endedAt === null) await endSessionRow(db.connection(), id, verdict as StaffSessionEndReason)
  return { verdict, record }
}

async function endSessionRow(client: QueryClientContract, id: string, reason: StaffSessionEndReason) {
  await client.from('staff_sessions').where('id', id).whereNull('ended_at').update({ ended_at: client.raw('now()'), end_reason: reason })
}
