import { Money } from '#domain/money/money'
import { currencyExponent } from '#domain/money/currencies'

/**
 * Customer payment rules (ARCHITECTURE §4; PSD2 RTS art. 4-5, 16), pure.
 * The posting enforces the same rules in payment_guard() (database/sql/ledger/payment_guard.sql)
 * inside the transaction that books; these functions state them for the
 * configuration, the authorisation endpoint, the backoffice and the tests.
 * Amounts are bigint minor units.
 */

export interface LimitPair {
  single: bigint
  daily: bigint
}

export interface PaymentPolicy extends LimitPair {
  /** Above this amount every payment needs dynamic linking */
  threshold: bigint
  /** Up to this amount no payment needs dynamic linking (low-value exemption) */
  exemption: bigint
}

export type LimitKind = 'single' | 'daily'

export type LimitCheck =
  | { ok: true }
  | { ok: false; limit: LimitKind; limitMinor: bigint; remainingMinor: bigint }

export type ScaReason = 'amount_above_threshold' | 'new_payee'

export class PaymentConfigError extends Error {}

/**
 * "GBP:5000.00/10000.00,EUR:5000.00/10000.00" → { GBP: {single, daily}, ... }
 * (single-payment / daily-total limit in the currency's decimals).
 */
export function parseLimitTable(spec: string): Record<string, LimitPair> {
  const table: Record<string, LimitPair> = {}
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Z]{3}):([\d.]+)\/([\d.]+)$/.exec(part)
    if (!match) throw new PaymentConfigError(`PAYMENT_LIMITS: "${part}" is not CUR:single/daily`)
    const [, currency, single, daily] = match
    try {
      table[currency] = {
        single: Money.fromDecimal(single, currency).minor,
        daily: Money.fromDecimal(daily, currency).minor,
      }
    } catch (error) {
      throw new PaymentConfigError(`PAYMENT_LIMITS: ${(error as Error).message}`)
    }
  }
  return table
}

/**
 * A decimal amount ("250.00") in a currency's minor units, extra decimals
 * dropped (250.00 JPY → 250): thresholds are written once for every currency.
 */
export function decimalToMinorFloor(decimal: string, currency: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal.trim())
  if (!match) throw new PaymentConfigError(`"${decimal}" is not a positive decimal amount`)
  const exponent = currencyExponent(currency)
  const fraction = (match[2] ?? '').padEnd(exponent, '0').slice(0, exponent)
  return BigInt(match[1] + fraction)
}

/** The policy of one currency: configured limits (none configured: 0, nothing may be paid) */
export function policyFor(
  config: { defaultLimits: Record<string, LimitPair>; dynamicLinkingThreshold: string; lowValueExemption: string },
  currency: string
): PaymentPolicy {
  const limits = config.defaultLimits[currency] ?? { single: 0n, daily: 0n }
  return {
    ...limits,
    threshold: decimalToMinorFloor(config.dynamicLinkingThreshold, currency),
    exemption: decimalToMinorFloor(config.lowValueExemption, currency),
  }
}

/** The customer's limits: a staff override wins over the default */
export function effectiveLimits(defaults: LimitPair, override: LimitPair | null): LimitPair {
  return override ?? defaults
}

/** Single payment first, then the day's total (what payment_guard() raises) */
export function checkPaymentLimits(input: { amount: bigint; limits: LimitPair; paidToday: bigint }): LimitCheck {
  const { amount, limits, paidToday } = input
  if (amount > limits.single) {
    return { ok: false, limit: 'single', limitMinor: limits.single, remainingMinor: limits.single }
  }
  if (paidToday + amount > limits.daily) {
    const remaining = limits.daily - paidToday
    return { ok: false, limit: 'daily', limitMinor: limits.daily, remainingMinor: remaining > 0n ? remaining : 0n }
  }
  return { ok: true }
}

/**
 * Whether a payment needs a fresh code bound to its amount and payee:
 * above the threshold always; above the low-value exemption when the
 * customer never paid this payee above it (RTS art. 16). Null: not needed.
 */
export function scaRequirement(input: {
  amount: bigint
  threshold: bigint
  exemption: bigint
  knownPayee: boolean
}): ScaReason | null {
  if (input.amount > input.threshold) return 'amount_above_threshold'
  if (input.amount > input.exemption && !input.knownPayee) return 'new_payee'
  return null
}

export interface AuthorisationState {
  debtorAccountId: number
  creditorAccountId: number
  creditorAccountNumber: string
  amount: bigint
  currency: string
  expiresAt: Date
  consumedAt: Date | null
  failedAttempts: number
}

export interface PaymentRequest {
  debtorAccountId: number
  creditor: { accountId: number } | { accountNumber: string }
  amount: bigint
  currency: string
}

export type AuthorisationProblem = 'consumed' | 'expired' | 'too_many_attempts' | 'debtor' | 'payee' | 'amount'

/** Why an authorisation cannot approve this payment (null: it can), worst first */
export function authorisationProblem(
  authorisation: AuthorisationState,
  payment: PaymentRequest,
  now: Date,
  maxAttempts: number
): AuthorisationProblem | null {
  if (authorisation.consumedAt) return 'consumed'
  if (authorisation.expiresAt.getTime() <= now.getTime()) return 'expired'
  if (authorisation.failedAttempts >= maxAttempts) return 'too_many_attempts'
  if (authorisation.debtorAccountId !== payment.debtorAccountId) return 'debtor'
  const samePayee =
    'accountId' in payment.creditor
      ? payment.creditor.accountId === authorisation.creditorAccountId
      : payment.creditor.accountNumber === authorisation.creditorAccountNumber
  if (!samePayee) return 'payee'
  if (authorisation.amount !== payment.amount || authorisation.currency !== payment.currency) return 'amount'
  return null
}

export type LimitChange = 'unchanged' | 'lower' | 'raise'

/** A change that raises either limit needs a second staff member; lowering both may be immediate */
export function classifyLimitChange(current: LimitPair, next: LimitPair): LimitChange {
  if (next.single > current.single || next.daily > current.daily) return 'raise'
  if (next.single === current.single && next.daily === current.daily) return 'unchanged'
  return 'lower'
}
