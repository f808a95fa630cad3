import staffConfig from '#config/staff'
import limiter from '@adonisjs/limiter/services/main'
import { LoginThrottle } from '#services/rate_limiting/login_throttle'

/**
 * Backoffice sign-in limits (see LoginThrottle), in the limiter's database
 * store so every instance shares them: 5 failed attempts per e-mail from
 * one IP and 20 per IP within 15 minutes, then 429 from there; per e-mail
 * from every IP only a back-off (LOGIN_BACKOFF_AFTER_FAILURES,
 * LOGIN_BACKOFF_SECONDS), so nobody can lock a colleague out by typing
 * wrong passwords. Counted once per sign-in, at the password step.
 */
export const STAFF_LOGIN_MAX_FAILURES = 5
export const STAFF_LOGIN_IP_FAILURES = 20
export const STAFF_LOGIN_KEY_PREFIX = 'backoffice_login'
const PENDING_TTL = '10 mins'

export const staffLoginThrottle = new LoginThrottle({
  prefix: STAFF_LOGIN_KEY_PREFIX,
  perAccountAndIp: STAFF_LOGIN_MAX_FAILURES,
  perIp: STAFF_LOGIN_IP_FAILURES,
  backoffAfter: staffConfig.loginBackoffAfter,
  backoffSeconds: staffConfig.loginBackoffSeconds,
  window: '15 mins',
})

/**
 * A pending sign-in (password step done) may be answered once: true the
 * first time for this nonce, false after. Kept in the shared store, so a
 * copied session cookie cannot replay the step to try more codes.
 */
export async function claimPendingLogin(nonce: string): Promise<boolean> {
  const once = limiter.use({ requests: 1, duration: PENDING_TTL })
  const response = await once.increment(`${STAFF_LOGIN_KEY_PREFIX}_pending_${nonce}`)
  return response.consumed === 1
}
