/**
 * The life of a compliance alert (pure): its statuses, severities and
 * which step is allowed from where.
 *
 *   open ──assign──► investigating ──dismiss──► dismissed
 *                     │  ▲ (reassign)  ──confirm──► confirmed ──escalate──► escalated
 *                     └──┘             ──escalate─► escalated
 *
 * Dismissed and escalated are final; a confirmed alert may still be
 * escalated (a suspicious activity report filed after the confirmation).
 * Notes can be added in every status. Working the account (freeze,
 * unfreeze) and the held payment (capture, release) does not change the
 * status and is allowed until the alert is final, and on a dismissed
 * alert's held payment (releasing or capturing it is how a false
 * positive is cleared).
 */

export const ALERT_STATUSES = ['open', 'investigating', 'dismissed', 'confirmed', 'escalated'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number]

/** Steps that change the status */
export type AlertTransition = 'assign' | 'dismiss' | 'confirm' | 'escalate'

/** Everything a compliance officer does on an alert */
export type AlertStep = AlertTransition | 'note' | 'freeze' | 'unfreeze' | 'settle_hold'

export const CLOSED_STATUSES: readonly AlertStatus[] = ['dismissed', 'confirmed', 'escalated']

const TRANSITIONS: Record<AlertTransition, Partial<Record<AlertStatus, AlertStatus>>> = {
  assign: { open: 'investigating', investigating: 'investigating' },
  dismiss: { investigating: 'dismissed' },
  confirm: { investigating: 'confirmed' },
  escalate: { investigating: 'escalated', confirmed: 'escalated' },
}

/** The status after `step`, or null when the step is not allowed from `current` */
export function nextAlertStatus(current: AlertStatus, step: AlertTransition): AlertStatus | null {
  return TRANSITIONS[step][current] ?? null
}

/** Whether `step` may be taken on an alert in `current` (transitions and the other steps) */
export function alertStepAllowed(current: AlertStatus, step: AlertStep): boolean {
  switch (step) {
    case 'note':
      return true
    case 'freeze':
    case 'unfreeze':
      return current !== 'dismissed' && current !== 'escalated'
    case 'settle_hold':
      return current !== 'escalated'
    default:
      return nextAlertStatus(current, step) !== null
  }
}

export function isClosedStatus(status: AlertStatus): boolean {
  return CLOSED_STATUSES.includes(status)
}

/** Rank for "oldest-high-first": critical 4 … low 1 */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 4, high: 3, medium: 2, low: 1 }

/**
 * The severity of one typology's alert, from the assessment that raised
 * it: a typology that reached its block threshold is critical; a fraud
 * typology that put money on hold (decision 'review') is high; otherwise
 * the assessment's own severity (how far the scores passed their alert
 * thresholds), low when it has none, and never critical for a typology
 * that did not block itself.
 */
export function alertSeverity(
  typology: { kind: 'fraud' | 'money_laundering'; block: boolean },
  assessment: { decision: string; severity: AlertSeverity | null }
): AlertSeverity {
  if (typology.block) return 'critical'
  if (typology.kind === 'fraud' && assessment.decision === 'review') return 'high'
  const severity = assessment.severity ?? 'low'
  return severity === 'critical' ? 'high' : severity
}

/** The queue's "age" filter: alerts older than this many hours */
export const ALERT_AGE_FILTERS = { '24h': 24, '3d': 72, '7d': 168, '30d': 720 } as const
export type AlertAgeFilter = keyof typeof ALERT_AGE_FILTERS

/** '3 min', '5 h', '2 d' */
export function alertAge(since: Date, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000))
  if (minutes < 60) return `${minutes} min`
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`
  return `${Math.floor(minutes / 1440)} d`
}
