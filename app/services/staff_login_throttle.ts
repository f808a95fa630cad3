import limiter from '@adonisjs/limiter/services/main'
import StaffLoginThrottledException from '#exceptions/staff_login_throttled_exception'

/**
 * Per-IP throttle of failed staff sign-in attempts (password and second
 * factor), in the limiter's database store so every instance shares it.
 * The per-account lockout lives on staff_users (failed_login_count,
 * locked_until).
 */
export const STAFF_LOGIN_IP_FAILURES = 20
export const STAFF_LOGIN_IP_WINDOW = '15 mins'
export const STAFF_LOGIN_KEY_PREFIX = 'backoffice_login_ip'

const failures = () =>
  limiter.use({ requests: STAFF_LOGIN_IP_FAILURES, duration: STAFF_LOGIN_IP_WINDOW })

const keyFor = (ip: string) => `${STAFF_LOGIN_KEY_PREFIX}_${ip}`

/** Throws StaffLoginThrottled when this IP has used up its failures */
export async function assertIpNotThrottled(ip: string) {
  const store = failures()
  if ((await store.remaining(keyFor(ip))) <= 0) {
    throw new StaffLoginThrottledException(Math.max(1, await store.availableIn(keyFor(ip))))
  }
}

export async function recordIpFailure(ip: string) {
  await failures().increment(keyFor(ip))
}
