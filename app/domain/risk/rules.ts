import type { Rule, RuleId, RuleParamsMap } from '#domain/risk/rule_types'
import {
  amountVsPattern,
  dormantReactivated,
  newPayeeLarge,
  rapidInOut,
  structuring,
  velocity,
} from '#domain/risk/money_rules'
import { failedLoginBurst, newDeviceLargePayment } from '#domain/risk/access_rules'

/** Every rule by id */
export const RULES: { [Id in RuleId]: Rule<Id> } = {
  velocity,
  amount_vs_pattern: amountVsPattern,
  structuring,
  new_payee_large: newPayeeLarge,
  dormant_reactivated: dormantReactivated,
  rapid_in_out: rapidInOut,
  failed_login_burst: failedLoginBurst,
  new_device_large_payment: newDeviceLargePayment,
}

/**
 * What a parameter is, for validation and the settings form:
 * - count, minutes, hours, days: a whole number ≥ `min`
 * - money: a decimal string in the event's currency ("10000.00")
 * - ratio: a number ≥ 0 with at most 4 decimals (5 = 5 ×, 0.8 = 80 %)
 */
export type ParamKind = 'count' | 'minutes' | 'hours' | 'days' | 'money' | 'ratio'

export interface ParamSpec {
  kind: ParamKind
  label: string
  /** Whole-number kinds: the smallest value accepted */
  min?: number
}

export interface RuleSpec<Id extends RuleId> {
  label: string
  /** What it catches, one sentence for the settings page */
  description: string
  params: { [P in keyof RuleParamsMap[Id]]: ParamSpec }
  /** [lower, higher]: the medium threshold may not exceed the high one */
  ordered: [keyof RuleParamsMap[Id], keyof RuleParamsMap[Id]][]
}

const window = (kind: 'minutes' | 'hours' | 'days', label: string): ParamSpec => ({ kind, label, min: 1 })
const count = (label: string, min = 0): ParamSpec => ({ kind: 'count', label, min })
const money = (label: string): ParamSpec => ({ kind: 'money', label })
const ratio = (label: string): ParamSpec => ({ kind: 'ratio', label })

export const RULE_SPECS: { [Id in RuleId]: RuleSpec<Id> } = {
  velocity: {
    label: 'Velocity',
    description: 'More outgoing payments, or more money out, than usual within minutes.',
    params: {
      windowMinutes: window('minutes', 'Window (minutes)'),
      mediumCount: count('Medium: more than N payments'),
      mediumTotal: money('Medium: total above'),
      highCount: count('High: more than N payments'),
      highTotal: money('High: total above'),
    },
    ordered: [['mediumCount', 'highCount'], ['mediumTotal', 'highTotal']],
  },
  amount_vs_pattern: {
    label: 'Amount vs own pattern',
    description: "An outgoing amount far above the customer's own average, and larger than anything they sent before.",
    params: {
      historyDays: window('days', 'History (days)'),
      minHistory: count('Needs at least N past payments', 1),
      floorAmount: money('Ignore amounts up to'),
      mediumMultiple: ratio('Medium: more than × the average'),
      highMultiple: ratio('High: more than × the average'),
    },
    ordered: [['mediumMultiple', 'highMultiple']],
  },
  structuring: {
    label: 'Structuring',
    description: 'Several cash deposits or withdrawals just below the reporting threshold within days.',
    params: {
      windowDays: window('days', 'Window (days)'),
      threshold: money('Reporting threshold'),
      floorRatio: ratio('"Just below" from (× threshold)'),
      mediumCount: count('Medium: more than N movements'),
      highCount: count('High: more than N movements'),
    },
    ordered: [['mediumCount', 'highCount']],
  },
  new_payee_large: {
    label: 'New payee, large amount',
    description: 'A large payment to a payee the customer never paid before.',
    params: {
      newForDays: count('Payee still new for (days)'),
      mediumAbove: money('Medium: amount above'),
      highAbove: money('High: amount above'),
    },
    ordered: [['mediumAbove', 'highAbove']],
  },
  dormant_reactivated: {
    label: 'Dormant account reactivated',
    description: 'An account idle for months suddenly moving money.',
    params: {
      dormantDays: window('days', 'Dormant after (days idle)'),
      highAbove: money('High: money out above'),
    },
    ordered: [],
  },
  rapid_in_out: {
    label: 'Rapid in and out',
    description: 'Money received and sent on within minutes (the mule pattern).',
    params: {
      windowMinutes: window('minutes', 'Window (minutes)'),
      minReceived: money('Ignore receipts up to'),
      mediumShare: ratio('Medium: more than share passed on'),
      highShare: ratio('High: more than share passed on'),
    },
    ordered: [['mediumShare', 'highShare']],
  },
  failed_login_burst: {
    label: 'Failed login burst',
    description: 'Many failed logins in a short time, and what follows them.',
    params: {
      windowMinutes: window('minutes', 'Window (minutes)'),
      mediumCount: count('Medium: more than N failures'),
      highCount: count('High: more than N failures'),
    },
    ordered: [['mediumCount', 'highCount']],
  },
  new_device_large_payment: {
    label: 'New device, large payment',
    description: 'A large payment from a device or IP address first seen recently.',
    params: {
      newForHours: window('hours', 'Device still new for (hours)'),
      mediumAbove: money('Medium: amount above'),
      highAbove: money('High: amount above'),
    },
    ordered: [['mediumAbove', 'highAbove']],
  },
}
