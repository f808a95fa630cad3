import type { RiskEvent, RiskFacts } from '#domain/risk/risk_event'

/**
 * The anomaly rules' shared vocabulary (pure). Every threshold of every
 * rule is STRICT: a rule fires when a figure is MORE than its parameter
 * ("more than 5 payments", "more than 10000.00", "more than 5 × the mean",
 * "idle more than 180 days"); a figure exactly at the parameter does not
 * fire. Money parameters are decimal strings in the event's currency
 * ("10000.00"); ratios are numbers with at most 4 decimals.
 */

export const RULE_IDS = [
  'velocity',
  'amount_vs_pattern',
  'structuring',
  'new_payee_large',
  'dormant_reactivated',
  'rapid_in_out',
  'failed_login_burst',
  'new_device_large_payment',
] as const

export type RuleId = (typeof RULE_IDS)[number]

/** A rule's verdict, weakest first. 'none': did not fire (or does not apply to the event) */
export type Band = 'none' | 'low' | 'medium' | 'high'

export const BANDS: readonly Band[] = ['none', 'low', 'medium', 'high']

export interface RuleOutcome {
  rule: RuleId
  band: Band
  /** Why, with the figures, for the compliance officer ("7 outgoing payments in 10 minutes (limit 5)"); empty for 'none' */
  reasons: string[]
}

/** Outgoing payments + withdrawals in a short window: count or total */
export interface VelocityParams {
  windowMinutes: number
  /** Medium: more than this many (this event included) */
  mediumCount: number
  /** Medium: a total (this event included) above this */
  mediumTotal: string
  highCount: number
  highTotal: string
}

/** An outgoing amount far above the customer's own pattern (and above anything they sent before) */
export interface AmountVsPatternParams {
  /** Length of the pattern (RiskFacts.pattern) */
  historyDays: number
  /** Fewer outgoing movements than this in the history: no pattern yet, the rule stays quiet */
  minHistory: number
  /** Amounts up to this never fire */
  floorAmount: string
  /** Medium: amount more than this × the mean */
  mediumMultiple: number
  highMultiple: number
}

/** Several cash deposits/withdrawals just below the reporting threshold */
export interface StructuringParams {
  windowDays: number
  /** The reporting (or four-eyes) threshold, e.g. "10000.00" */
  threshold: string
  /** "Just below": amount in [floorRatio × threshold, threshold) */
  floorRatio: number
  /** Medium: more than this many such movements in the window, this event included */
  mediumCount: number
  highCount: number
}

/** A payee this customer never paid (or first paid recently) receiving a large amount */
export interface NewPayeeLargeParams {
  /** A payee first paid less than this many days ago is still new (0: only a never-paid payee) */
  newForDays: number
  mediumAbove: string
  highAbove: string
}

/** An account idle for a long time suddenly moving money */
export interface DormantReactivatedParams {
  /** Idle more than this many days: dormant */
  dormantDays: number
  /** A withdrawal/payment above this from a dormant account is high (any other is medium; a deposit low) */
  highAbove: string
}

/** Money received and sent on within minutes (the mule pattern) */
export interface RapidInOutParams {
  windowMinutes: number
  /** Receipts in the window up to this are ignored */
  minReceived: string
  /** Medium: the outgoing amount is more than this share of what arrived in the window */
  mediumShare: number
  highShare: number
}

/** Many failed logins in a short window (on the failed login itself and on what follows it) */
export interface FailedLoginBurstParams {
  windowMinutes: number
  mediumCount: number
  highCount: number
}

/** A large payment from a device / IP first seen recently */
export interface NewDeviceLargePaymentParams {
  /** A device first seen less than this many hours ago is new */
  newForHours: number
  mediumAbove: string
  highAbove: string
}

export interface RuleParamsMap {
  velocity: VelocityParams
  amount_vs_pattern: AmountVsPatternParams
  structuring: StructuringParams
  new_payee_large: NewPayeeLargeParams
  dormant_reactivated: DormantReactivatedParams
  rapid_in_out: RapidInOutParams
  failed_login_burst: FailedLoginBurstParams
  new_device_large_payment: NewDeviceLargePaymentParams
}

export type Rule<Id extends RuleId> = (event: RiskEvent, facts: RiskFacts, params: RuleParamsMap[Id]) => RuleOutcome

export function outcome(rule: RuleId, band: Band, reasons: string[] = []): RuleOutcome {
  return { rule, band, reasons: band === 'none' ? [] : reasons }
}
