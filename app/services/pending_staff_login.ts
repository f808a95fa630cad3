import type { Session } from '@adonisjs/session'

/**
 * The "password ok, second factor pending" marker kept in the session
 * between the two sign-in steps. It is not an authenticated session: the
 * guard logs the staff member in only after the second factor.
 */
const KEY = 'backoffice_pending_login'
const ENROL_SECRET_KEY = 'backoffice_enrol_secret'
const TTL_MS = 10 * 60 * 1000

interface PendingLogin {
  staffId: number
  expiresAt: number
}

export function startPendingLogin(session: Session, staffId: number) {
  session.regenerate()
  session.forget(ENROL_SECRET_KEY)
  session.put(KEY, { staffId, expiresAt: Date.now() + TTL_MS } satisfies PendingLogin)
}

/** The staff id waiting for its second factor, or null (absent or expired) */
export function pendingStaffId(session: Session): number | null {
  const pending = session.get(KEY) as PendingLogin | undefined
  if (!pending || typeof pending.staffId !== 'number' || pending.expiresAt < Date.now()) {
    return null
  }
  return pending.staffId
}

export function clearPendingLogin(session: Session) {
  session.forget(KEY)
  session.forget(ENROL_SECRET_KEY)
}

/** The TOTP secret shown during enrolment, kept until the first code confirms it */
export function enrolmentSecret(session: Session, create: () => string): string {
  const existing = session.get(ENROL_SECRET_KEY) as string | undefined
  if (existing) return existing
  const secret = create()
  session.put(ENROL_SECRET_KEY, secret)
  return secret
}

export function storedEnrolmentSecret(session: Session): string | null {
  return (session.get(ENROL_SECRET_KEY) as string | undefined) ?? null
}
