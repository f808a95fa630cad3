import { movesMoneyOut, type RiskEvent, type RiskFacts } from '#domain/risk/risk_event'
import { outcome, RULE_IDS, type RuleId, type RuleOutcome } from '#domain/risk/rule_types'
import type { RiskConfiguration, Typology } from '#domain/risk/risk_configuration'
import { RULES } from '#domain/risk/rules'

/**
 * The assessment of one event (pure), the way Tazama does it: every rule
 * gives a band; every typology adds up the weight of each band its rules
 * reached into a score and compares it with its thresholds (inclusive: a
 * score equal to the threshold alerts / blocks).
 *
 * Decision, strongest first:
 * - block: a fraud typology reached its block threshold (the caller refuses the event);
 * - review: a fraud typology reached its alert threshold on money out
 *   (payment, withdrawal): the money is held and an alert raised;
 * - alert: a fraud typology alerted on any other event, or a
 *   money-laundering typology alerted. Money laundering never reviews nor
 *   blocks, whatever its score: the customer must not be tipped off;
 * - allow: nothing reached a threshold.
 */

export type RiskDecision = 'allow' | 'alert' | 'review' | 'block'

/** Of the alert to raise: block critical, review high; an alert by how far its score passed the threshold */
export type RiskSeverity = 'low' | 'medium' | 'high' | 'critical'

export interface TypologyResult {
  id: string
  name: string
  kind: Typology['kind']
  /** Sum of the weights of the bands its rules reached */
  score: number
  /** score >= alertThreshold */
  alert: boolean
  /** fraud only: score >= blockThreshold (never for money laundering) */
  block: boolean
  /** The outcomes that added to the score (band not 'none', weight > 0) */
  fired: RuleOutcome[]
}

export interface RiskAssessment {
  /** One per rule, in RULE_IDS order ('none' for disabled rules and events a rule does not look at) */
  outcomes: RuleOutcome[]
  typologies: TypologyResult[]
  decision: RiskDecision
  /** null when allowed */
  severity: RiskSeverity | null
  /** The configuration that decided (stored on the alert) */
  configurationVersion: number
}

/** Every rule's outcome; a disabled rule gives 'none' */
export function evaluateRules(event: RiskEvent, facts: RiskFacts, config: RiskConfiguration): RuleOutcome[] {
  return RULE_IDS.map((id) => evaluateRule(id, event, facts, config))
}

function evaluateRule<Id extends RuleId>(id: Id, event: RiskEvent, facts: RiskFacts, config: RiskConfiguration) {
  const setting = config.rules[id]
  if (!setting.enabled) return outcome(id, 'none')
  return RULES[id](event, facts, setting.params)
}

export function scoreTypology(typology: Typology, outcomes: readonly RuleOutcome[]): TypologyResult {
  let score = 0
  const fired: RuleOutcome[] = []
  for (const each of outcomes) {
    const weights = typology.weights[each.rule]
    if (!weights || each.band === 'none') continue
    const weight = weights[each.band]
    if (weight <= 0) continue
    score += weight
    fired.push(each)
  }
  const fraud = typology.kind === 'fraud'
  return {
    id: typology.id,
    name: typology.name,
    kind: typology.kind,
    score,
    alert: score >= typology.alertThreshold,
    block: fraud && typology.blockThreshold !== null && score >= typology.blockThreshold,
    fired,
  }
}

export function assessRisk(event: RiskEvent, facts: RiskFacts, config: RiskConfiguration): RiskAssessment {
  const outcomes = evaluateRules(event, facts, config)
  const typologies = config.typologies.map((typology) => scoreTypology(typology, outcomes))
  const fraudAlert = typologies.some((t) => t.kind === 'fraud' && t.alert)
  const decision: RiskDecision = typologies.some((t) => t.block)
    ? 'block'
    : fraudAlert && movesMoneyOut(event.kind)
      ? 'review'
      : typologies.some((t) => t.alert)
        ? 'alert'
        : 'allow'
  return {
    outcomes,
    typologies,
    decision,
    severity: severityOf(decision, typologies, config.typologies),
    configurationVersion: config.version,
  }
}

/**
 * block → critical, review → high; an alert is high when a typology
 * reached twice its alert threshold, medium at 1.5 ×, low below.
 */
function severityOf(decision: RiskDecision, results: TypologyResult[], typologies: Typology[]): RiskSeverity | null {
  if (decision === 'allow') return null
  if (decision === 'block') return 'critical'
  if (decision === 'review') return 'high'
  let severity: RiskSeverity = 'low'
  results.forEach((result, index) => {
    const threshold = typologies[index].alertThreshold
    if (!result.alert) return
    if (result.score >= 2 * threshold) severity = 'high'
    else if (result.score * 2 >= 3 * threshold && severity === 'low') severity = 'medium'
  })
  return severity
}
