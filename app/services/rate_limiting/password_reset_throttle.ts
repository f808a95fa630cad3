import limiter from '@adonisjs/limiter/services/main'
import PasswordResetThrottledException from '#exceptions/password_reset_throttled_exception'

/**
 * "Forgot password" limits, in the shared limiter store: per IP (the
 * visitor is told to wait) and per email address (further requests are
 * silently not mailed, so the answer never tells whether an account
 * exists and nobody can flood a mailbox).
 */
export const PASSWORD_RESET_KEY_PREFIX = 'backoffice_password_reset'
export const PASSWORD_RESET_PER_IP = 10
export const PASSWORD_RESET_PER_EMAIL = 3

const perIp = () => limiter.use({ requests: PASSWORD_RESET_PER_IP, duration: '15 mins' })
const perEmail = () => limiter.use({ requests: PASSWORD_RESET_PER_EMAIL, duration: '1 hour' })

/** Counts one request from this IP; throws PasswordResetThrottled beyond the limit */
export async function consumePasswordResetIp(ip: string) {
  const store = perIp()
  const key = `${PASSWORD_RESET_KEY_PREFIX}_ip_${ip}`
  if ((await store.remaining(key)) <= 0) {
    throw new PasswordResetThrottledException(Math.max(1, await store.availableIn(key)))
  }
  await store.increment(key)
}

/** Counts one request for this address; false when it already had its share */
export async function consumePasswordResetEmail(email: string): Promise<boolean> {
  const store = perEmail()
  const key = `${PASSWORD_RESET_KEY_PREFIX}_email_${email}`
  if ((await store.remaining(key)) <= 0) return false
  await store.increment(key)
  return true
}
