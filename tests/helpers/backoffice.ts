import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type { StaffRole } from '#models/staff_user'
import { STAFF_LOGIN_KEY_PREFIX } from '#services/rate_limiting/staff_login_throttle'
import { PASSWORD_RESET_KEY_PREFIX } from '#services/rate_limiting/password_reset_throttle'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

/**
 * Backoffice sessions and page state for the functional suites: staff
 * (from StaffUserFactory) signed in through the real password + TOTP
 * pages, the flash messages a page receives, and the per-IP counters and
 * session limits that tests reset or override.
 */

/** A signed-in staff agent of the given role (the sign-in response is not checked) */
export async function signedIn(client: ApiClient, role: StaffRole = 'admin') {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  await agent.signIn(staff.email, secret)
  return { agent, staff }
}

/** A staff member signed in through password + TOTP, landing on the dashboard (checked) */
export async function signedInStaff(client: any, role: StaffRole = 'teller') {
  const fixture = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(fixture.staff.email, fixture.secret)).assertHeader('location', '/backoffice')
  return { agent, ...fixture }
}

/** A second session of the same person (a recovery code, since a TOTP step is accepted once) */
export async function secondSession(client: any, email: string, recoveryCode: string) {
  const agent = new StaffAgent(client)
  await agent.loginWithPassword(email)
  await agent.get('/backoffice/two-factor')
  ;(await agent.post('/backoffice/two-factor', { code: recoveryCode })).assertHeader('location', '/backoffice')
  return agent
}

/** The flash messages the next page receives (read once from the session) */
export async function nextFlash(agent: StaffAgent, url = '/backoffice/teller') {
  const page = await agent.get(url, { inertia: true })
  return page.inertiaProps.flash as { error: string | null; success: string | null }
}

/**
 * The flash messages and field errors of a refused form: the app redirects
 * back (to the Referer, which this test client does not send), so the
 * next page visited shows them.
 */
export async function refusalOn(agent: StaffAgent, url: string) {
  const page = await agent.get(url, { inertia: true })
  return { flash: page.inertiaProps.flash as { error: string | null }, errors: page.inertiaProps.errors as Record<string, string> }
}

/** Forget the per-IP failure counters of the backoffice sign-in (all tests share 127.0.0.1) */
export async function resetLoginThrottle() {
  await db.from('rate_limits').whereLike('key', `%${STAFF_LOGIN_KEY_PREFIX}%`).delete()
}

/** Forget the "forgot password" counters (every test comes from 127.0.0.1) */
export async function resetPasswordResetThrottle() {
  await db.from('rate_limits').whereLike('key', `%${PASSWORD_RESET_KEY_PREFIX}%`).delete()
}

/** Runs `fn` with staff session limits overridden (env values are read per request) */
export async function withSessionLimits<T>(
  limits: { idleMinutes?: number; maxHours?: number },
  fn: () => Promise<T>
): Promise<T> {
  const before = { idle: env.get('STAFF_SESSION_IDLE_MINUTES'), max: env.get('STAFF_SESSION_MAX_HOURS') }
  if (limits.idleMinutes !== undefined) env.set('STAFF_SESSION_IDLE_MINUTES', limits.idleMinutes)
  if (limits.maxHours !== undefined) env.set('STAFF_SESSION_MAX_HOURS', limits.maxHours)
  try {
    return await fn()
  } finally {
    restore('STAFF_SESSION_IDLE_MINUTES', before.idle)
    restore('STAFF_SESSION_MAX_HOURS', before.max)
  }
}

/** Puts a variable back; an unset one is removed again (child processes inherit process.env) */
function restore(key: 'STAFF_SESSION_IDLE_MINUTES' | 'STAFF_SESSION_MAX_HOURS', value: number | undefined) {
  env.set(key, value as number)
  if (value === undefined) delete process.env[key]
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
