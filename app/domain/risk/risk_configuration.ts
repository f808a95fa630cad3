import type { RuleId, RuleParamsMap } from '#domain/risk/rule_types'
import { nearThresholdBounds } from '#domain/risk/risk_amounts'

/**
 * The anomaly-detection configuration: which rules run with which
 * parameters, and the typologies that weigh their outcomes. It is data,
 * stored versioned in `risk_configurations` (the highest version is
 * active) and changed by admins through four-eyes; an alert records the
 * version that raised it.
 */

/** Points a rule adds to a typology's score for each band it reaches ('none' adds 0) */
export interface BandWeights {
  low: number
  medium: number
  high: number
}

export interface Typology {
  /** Stable slug ("account_takeover"), stored on alerts */
  id: string
  /** For people ("Account takeover") */
  name: string
  /** fraud: may block and hold money; money_laundering: only ever alerts (no tipping off) */
  kind: 'fraud' | 'money_laundering'
  /** The rules that count towards this typology; a rule not listed counts 0 */
  weights: Partial<Record<RuleId, BandWeights>>
  /** Alert when the score is AT LEAST this (inclusive), > 0 */
  alertThreshold: number
  /** Fraud only: block when the score is AT LEAST this (inclusive), ≥ alertThreshold; null: never blocks. Always null for money_laundering */
  blockThreshold: number | null
}

export interface RuleSetting<Id extends RuleId> {
  /** A disabled rule returns 'none' for every event */
  enabled: boolean
  params: RuleParamsMap[Id]
}

export interface RiskConfiguration {
  /** 1, 2, 3 …: the row of risk_configurations it came from */
  version: number
  rules: { [Id in RuleId]: RuleSetting<Id> }
  typologies: Typology[]
}

/**
 * Version 1. A customer paying as usual (salary in, rent, cards, savings,
 * friends) stays at 'allow'. Account takeover reviews (holds) at 100
 * points: e.g. a payment above 2,500.00 from a device first seen today
 * (100), or one above 10 × the customer's average to a payee never paid
 * (60 + 40 above 2,000.00). It blocks at 240: new device + far above the
 * pattern + new payee + a failed-login burst. Money mule and structuring
 * alert at 100 (e.g. more than 90 % of a receipt sent on within the hour;
 * three cash movements in [8,000.00, 10,000.00) within 7 days).
 */
export const DEFAULT_RISK_CONFIGURATION: RiskConfiguration = {
  version: 1,
  rules: {
    velocity: {
      enabled: true,
      params: { windowMinutes: 10, mediumCount: 5, mediumTotal: '5000.00', highCount: 10, highTotal: '20000.00' },
    },
    amount_vs_pattern: {
      enabled: true,
      params: { historyDays: 90, minHistory: 5, floorAmount: '1000.00', mediumMultiple: 5, highMultiple: 10 },
    },
    structuring: {
      enabled: true,
      params: { windowDays: 7, threshold: '10000.00', floorRatio: 0.8, mediumCount: 2, highCount: 4 },
    },
    new_payee_large: {
      enabled: true,
      params: { newForDays: 1, mediumAbove: '2000.00', highAbove: '10000.00' },
    },
    dormant_reactivated: {
      enabled: true,
      params: { dormantDays: 180, highAbove: '1000.00' },
    },
    rapid_in_out: {
      enabled: true,
      params: { windowMinutes: 60, minReceived: '1000.00', mediumShare: 0.5, highShare: 0.9 },
    },
    failed_login_burst: {
      enabled: true,
      params: { windowMinutes: 15, mediumCount: 5, highCount: 10 },
    },
    new_device_large_payment: {
      enabled: true,
      params: { newForHours: 24, mediumAbove: '500.00', highAbove: '2500.00' },
    },
  },
  typologies: [
    {
      id: 'account_takeover',
      name: 'Account takeover',
      kind: 'fraud',
      weights: {
        new_device_large_payment: { low: 0, medium: 60, high: 100 },
        failed_login_burst: { low: 0, medium: 40, high: 80 },
        velocity: { low: 0, medium: 40, high: 80 },
        amount_vs_pattern: { low: 0, medium: 40, high: 60 },
        new_payee_large: { low: 0, medium: 40, high: 60 },
      },
      alertThreshold: 100,
      blockThreshold: 240,
    },
    {
      id: 'money_mule',
      name: 'Money mule',
      kind: 'money_laundering',
      weights: {
        rapid_in_out: { low: 0, medium: 60, high: 100 },
        dormant_reactivated: { low: 20, medium: 50, high: 70 },
        velocity: { low: 0, medium: 30, high: 50 },
      },
      alertThreshold: 100,
      blockThreshold: null,
    },
    {
      id: 'structuring',
      name: 'Structuring',
      kind: 'money_laundering',
      weights: { structuring: { low: 0, medium: 100, high: 150 } },
      alertThreshold: 100,
      blockThreshold: null,
    },
  ],
}

/**
 * The windows and bounds the facts query needs (RiskFacts), from the
 * configuration's rule parameters: one place, so that the SQL and the
 * rules cannot disagree.
 */
export function riskFactWindows(config: RiskConfiguration, currency: string) {
  const { rules } = config
  const near = nearThresholdBounds(rules.structuring.params.threshold, rules.structuring.params.floorRatio, currency)
  return {
    velocityMinutes: rules.velocity.params.windowMinutes,
    patternDays: rules.amount_vs_pattern.params.historyDays,
    structuringDays: rules.structuring.params.windowDays,
    /** nearThreshold: amount >= fromMinor and amount < belowMinor */
    nearThresholdFromMinor: near.fromMinor,
    nearThresholdBelowMinor: near.belowMinor,
    rapidInOutMinutes: rules.rapid_in_out.params.windowMinutes,
    failedLoginMinutes: rules.failed_login_burst.params.windowMinutes,
  }
}
