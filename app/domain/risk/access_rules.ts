import { movesMoneyOut } from '#domain/risk/risk_event'
import { outcome, type Rule } from '#domain/risk/rule_types'
import { formatMinor, minorAbove } from '#domain/risk/risk_amounts'

/**
 * The rules about access (pure): who is at the keyboard. Thresholds are
 * strict (see rule_types.ts).
 */

const HOUR_MS = 3_600_000

/**
 * More than N failed logins in the window. Looks at the failed login
 * itself (this one counted) and at what follows a burst: a login, a token,
 * a consent, money out. Not at deposits (anyone can pay cash in).
 */
export const failedLoginBurst: Rule<'failed_login_burst'> = (event, facts, p) => {
  if (event.kind === 'deposit') return outcome('failed_login_burst', 'none')
  const count = facts.failedLogins + (event.kind === 'login_failed' ? 1 : 0)
  const high = count > p.highCount
  const band = high ? 'high' : count > p.mediumCount ? 'medium' : 'none'
  const burst = `${count} failed logins in ${p.windowMinutes} minutes (limit ${high ? p.highCount : p.mediumCount})`
  const reason = event.kind === 'login_failed' ? burst : `${event.kind.replace('_', ' ')} after ${burst}`
  return outcome('failed_login_burst', band, [reason[0].toUpperCase() + reason.slice(1)])
}

/** Money out above X from a device / IP first seen less than N hours ago (events without a device: 'none') */
export const newDeviceLargePayment: Rule<'new_device_large_payment'> = (event, facts, p) => {
  const none = outcome('new_device_large_payment', 'none')
  if (!movesMoneyOut(event.kind) || !event.amount || !facts.deviceFirstSeenAt) return none
  const age = event.at.getTime() - facts.deviceFirstSeenAt.getTime()
  if (age >= p.newForHours * HOUR_MS) return none
  const { minor, currency } = event.amount
  const high = minorAbove(minor, currency, p.highAbove)
  const band = high ? 'high' : minorAbove(minor, currency, p.mediumAbove) ? 'medium' : 'none'
  const seen = age < HOUR_MS ? `${Math.floor(age / 60_000)} minutes` : `${Math.floor(age / HOUR_MS)} hours`
  return outcome('new_device_large_payment', band, [
    `${formatMinor(minor, currency)} from a device first seen ${seen} ago ` +
      `(new for ${p.newForHours} hours; limit ${high ? p.highAbove : p.mediumAbove} ${currency})`,
  ])
}
