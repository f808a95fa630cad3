import { movesMoneyOut } from '#domain/risk/risk_event'
import { outcome, type Band, type Rule } from '#domain/risk/rule_types'
import {
  aboveMultiple,
  formatMinor,
  formatMultiple,
  minorAbove,
  nearThresholdBounds,
} from '#domain/risk/risk_amounts'

/**
 * The rules about money movements (pure). Each takes the event, its facts
 * and its parameters and returns a band with reasons; an event the rule
 * does not look at gets 'none'. Thresholds are strict (see rule_types.ts).
 */

export const DAY_MS = 86_400_000

/** `high` wins over `medium`; none of them: 'none' */
function bandOf(high: boolean, medium: boolean): Band {
  return high ? 'high' : medium ? 'medium' : 'none'
}

function percent(ratio: number): string {
  return String(Math.round(ratio * 10_000) / 100)
}

/** More than N outgoing payments, or more than X sent, within M minutes (this event included) */
export const velocity: Rule<'velocity'> = (event, facts, p) => {
  if (!movesMoneyOut(event.kind) || !event.amount) return outcome('velocity', 'none')
  const currency = event.amount.currency
  const count = facts.velocity.count + 1
  const total = facts.velocity.total + event.amount.minor
  const countHigh = count > p.highCount
  const countMedium = count > p.mediumCount
  const totalHigh = minorAbove(total, currency, p.highTotal)
  const totalMedium = minorAbove(total, currency, p.mediumTotal)
  const reasons: string[] = []
  if (countMedium) {
    const limit = countHigh ? p.highCount : p.mediumCount
    reasons.push(`${count} outgoing payments in ${p.windowMinutes} minutes (limit ${limit})`)
  }
  if (totalMedium) {
    const limit = totalHigh ? p.highTotal : p.mediumTotal
    reasons.push(`${formatMinor(total, currency)} sent in ${p.windowMinutes} minutes (limit ${limit} ${currency})`)
  }
  return outcome('velocity', bandOf(countHigh || totalHigh, countMedium || totalMedium), reasons)
}

/** An outgoing amount more than K × the customer's mean and above their largest, once they have a pattern */
export const amountVsPattern: Rule<'amount_vs_pattern'> = (event, facts, p) => {
  const none = outcome('amount_vs_pattern', 'none')
  if (!movesMoneyOut(event.kind) || !event.amount) return none
  const { count, mean, max } = facts.pattern
  const amount = event.amount.minor
  const currency = event.amount.currency
  if (count < p.minHistory || mean <= 0n || amount <= max) return none
  if (!minorAbove(amount, currency, p.floorAmount)) return none
  const high = aboveMultiple(amount, p.highMultiple, mean)
  const band = bandOf(high, aboveMultiple(amount, p.mediumMultiple, mean))
  return outcome('amount_vs_pattern', band, [
    `${formatMinor(amount, currency)} is ${formatMultiple(amount, mean)}× the ${p.historyDays}-day average of ` +
      `${formatMinor(mean, currency)} over ${count} payments (limit ${high ? p.highMultiple : p.mediumMultiple}×)`,
    `Larger than anything sent in ${p.historyDays} days (largest ${formatMinor(max, currency)})`,
  ])
}

/** Several cash deposits/withdrawals just below the threshold within days; this event must be one of them */
export const structuring: Rule<'structuring'> = (event, facts, p) => {
  const none = outcome('structuring', 'none')
  if ((event.kind !== 'deposit' && event.kind !== 'withdrawal') || !event.amount) return none
  const currency = event.amount.currency
  const amount = event.amount.minor
  const { fromMinor, belowMinor } = nearThresholdBounds(p.threshold, p.floorRatio, currency)
  if (amount < fromMinor || amount >= belowMinor) return none
  const count = facts.nearThreshold.length + 1
  const total = facts.nearThreshold.reduce((sum, each) => sum + each, amount)
  const high = count > p.highCount
  return outcome('structuring', bandOf(high, count > p.mediumCount), [
    `${count} cash deposits or withdrawals between ${formatMinor(fromMinor, currency)} and ` +
      `${p.threshold} ${currency} (just below the threshold) in ${p.windowDays} days (limit ${high ? p.highCount : p.mediumCount})`,
    `Together ${formatMinor(total, currency)}`,
  ])
}

/** A payment above X to a payee this customer never paid, or first paid less than N days ago */
export const newPayeeLarge: Rule<'new_payee_large'> = (event, facts, p) => {
  const none = outcome('new_payee_large', 'none')
  if (event.kind !== 'payment' || !event.amount || event.payeeAccountId === null) return none
  const first = facts.payeeFirstPaidAt
  if (first && event.at.getTime() - first.getTime() >= p.newForDays * DAY_MS) return none
  const { minor, currency } = event.amount
  const high = minorAbove(minor, currency, p.highAbove)
  const since = first
    ? `a payee first paid ${Math.floor((event.at.getTime() - first.getTime()) / DAY_MS)} day(s) ago`
    : 'a payee never paid before'
  return outcome('new_payee_large', bandOf(high, minorAbove(minor, currency, p.mediumAbove)), [
    `${formatMinor(minor, currency)} to ${since} (limit ${high ? p.highAbove : p.mediumAbove} ${currency})`,
  ])
}

/**
 * An account idle more than N days moving money: a deposit is low, money
 * out medium, money out above X high. An account with no activity ever is
 * new, not dormant.
 */
export const dormantReactivated: Rule<'dormant_reactivated'> = (event, facts, p) => {
  const none = outcome('dormant_reactivated', 'none')
  const out = movesMoneyOut(event.kind)
  if ((!out && event.kind !== 'deposit') || !event.amount || !facts.lastActivityAt) return none
  const idle = event.at.getTime() - facts.lastActivityAt.getTime()
  if (idle <= p.dormantDays * DAY_MS) return none
  const { minor, currency } = event.amount
  const what = out ? `${formatMinor(minor, currency)} out of` : `Deposit of ${formatMinor(minor, currency)} into`
  const reasons = [`${what} an account idle for ${Math.floor(idle / DAY_MS)} days (dormant after ${p.dormantDays})`]
  if (!out) return outcome('dormant_reactivated', 'low', reasons)
  const high = minorAbove(minor, currency, p.highAbove)
  if (high) reasons.push(`Above ${p.highAbove} ${currency}`)
  return outcome('dormant_reactivated', high ? 'high' : 'medium', reasons)
}

/** Money sent on within minutes of arriving: more than a share of what the account received in the window */
export const rapidInOut: Rule<'rapid_in_out'> = (event, facts, p) => {
  const none = outcome('rapid_in_out', 'none')
  if (!movesMoneyOut(event.kind) || !event.amount) return none
  const { minor, currency } = event.amount
  const received = facts.receivedInWindow
  if (!minorAbove(received, currency, p.minReceived)) return none
  const high = aboveMultiple(minor, p.highShare, received)
  return outcome('rapid_in_out', bandOf(high, aboveMultiple(minor, p.mediumShare, received)), [
    `${formatMinor(minor, currency)} sent within ${p.windowMinutes} minutes of receiving ${formatMinor(received, currency)} ` +
      `(${formatMultiple(minor * 100n, received)}% passed on; limit ${percent(high ? p.highShare : p.mediumShare)}%)`,
  ])
}
