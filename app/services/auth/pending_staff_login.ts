import { randomUUID } from 'node:crypto'
import type { Session } from '@adonisjs/session'

/**
 * The "password step done, second factor pending" marker kept in the
 * session between the two sign-in steps. It is not an authenticated
 * session: the guard logs the staff member in only after the second factor.
 * Every password attempt gets one, right or wrong (`staffId` is null when
 * the password step failed), so the answer to the password step never
 * tells whether the password was right; the nonce makes it single-use
 * (claimPendingLogin).
 */
const KEY = 'backoffice_pending_login'
const ENROL_SECRET_KEY = 'backoffice_enrol_secret'
const TTL_MS = 10 * 60 * 1000

export interface PendingLogin {
  /** The staff member whose password was right, or null */
  staffId: number | null
  /** The e-mail as typed (normalised), shown on the code step */
  email: string
  nonce: string
  expiresAt: number
}

export function startPendingLogin(session: Session, attempt: { staffId: number | null; email: string }) {
  session.regenerate()
  session.forget(ENROL_SECRET_KEY)
  session.put(KEY, {
    staffId: attempt.staffId,
    email: attempt.email,
    nonce: randomUUID(),
    expiresAt: Date.now() + TTL_MS,
  } satisfies PendingLogin)
}

/** The pending sign-in, or null (absent or expired) */
export function pendingLogin(session: Session): PendingLogin | null {
  const pending = session.get(KEY) as PendingLogin | undefined
  if (!pending || typeof pending.nonce !== 'string' || pending.expiresAt < Date.now()) return null
  return pending
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
