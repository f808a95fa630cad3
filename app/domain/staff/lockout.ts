/**
 * Staff account lockout: after 5 consecutive failed attempts (password or
 * second factor) the account is locked for 15 minutes. A successful
 * second factor resets the counter.
 */
export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_SECONDS = 15 * 60

export interface LockoutState {
  failedLoginCount: number
  lockedUntil: Date | null
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime()
}

export function secondsUntilUnlocked(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000))
}

/** The state after one more failure: locks (and resets the count) at the 5th */
export function afterFailure(failedLoginCount: number, now: Date): LockoutState {
  const count = failedLoginCount + 1
  if (count >= MAX_FAILED_LOGINS) {
    return { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_SECONDS * 1000) }
  }
  return { failedLoginCount: count, lockedUntil: null }
}
