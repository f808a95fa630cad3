import env from '#start/env'
import type { Session } from '@adonisjs/session'

/**
 * What a signed-in staff session remembers besides the guard's user id:
 * when it signed in, when it was last used and the staff member's
 * session_version at that moment. The backoffice middleware ends it when
 * idle too long (STAFF_SESSION_IDLE_MINUTES, default 30), when older than
 * STAFF_SESSION_MAX_HOURS (default 12) or when the version was bumped
 * (signed out elsewhere, password changed, deactivated, 2FA reset).
 */
export const STAFF_SESSION_KEY = 'backoffice_staff_session'

export interface StaffSessionStamp {
  signedInAt: number
  lastSeenAt: number
  version: number
}

export type StaffSessionVerdict = 'ok' | 'idle' | 'absolute' | 'revoked' | 'missing'

export const EXPIRY_MESSAGES: Record<Exclude<StaffSessionVerdict, 'ok'>, string> = {
  idle: 'You were signed out after a period of inactivity. Please sign in again.',
  absolute: 'Your session reached its maximum length. Please sign in again.',
  revoked: 'Your session was ended (signed out elsewhere, password or access changed). Please sign in again.',
  missing: 'Your session has expired. Please sign in again.',
}

export function staffSessionLimits() {
  return {
    idleMs: env.get('STAFF_SESSION_IDLE_MINUTES', 30) * 60_000,
    maxMs: env.get('STAFF_SESSION_MAX_HOURS', 12) * 3_600_000,
  }
}

/** Right after the second factor: a fresh stamp with the current version */
export function startStaffSession(session: Session, version: number, now = Date.now()) {
  session.put(STAFF_SESSION_KEY, { signedInAt: now, lastSeenAt: now, version } satisfies StaffSessionStamp)
}

/** Keeps the current session valid after this request bumped the version itself */
export function adoptSessionVersion(session: Session, version: number) {
  const stamp = session.get(STAFF_SESSION_KEY) as StaffSessionStamp | undefined
  if (stamp) session.put(STAFF_SESSION_KEY, { ...stamp, version })
}

/** Pure verdict on a stamp; the absolute limit wins over the idle one */
export function judgeStaffSession(
  stamp: Partial<StaffSessionStamp> | undefined,
  currentVersion: number,
  now: number,
  limits = staffSessionLimits()
): StaffSessionVerdict {
  if (!stamp || typeof stamp.signedInAt !== 'number' || typeof stamp.lastSeenAt !== 'number') {
    return 'missing'
  }
  if (stamp.version !== currentVersion) return 'revoked'
  if (now - stamp.signedInAt >= limits.maxMs) return 'absolute'
  if (now - stamp.lastSeenAt >= limits.idleMs) return 'idle'
  return 'ok'
}

/** Checks the session and, when still valid, records this request as activity */
export function touchStaffSession(session: Session, currentVersion: number, now = Date.now()) {
  const stamp = session.get(STAFF_SESSION_KEY) as StaffSessionStamp | undefined
  const verdict = judgeStaffSession(stamp, currentVersion, now)
  if (verdict === 'ok') session.put(STAFF_SESSION_KEY, { ...stamp!, lastSeenAt: now })
  else session.forget(STAFF_SESSION_KEY)
  return { verdict, stamp }
}
