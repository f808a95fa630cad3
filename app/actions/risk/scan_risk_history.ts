import { inject } from '@adonisjs/core'
import ScoreEvent from '#actions/risk/score_event'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'
import type { RuleId } from '#domain/risk/rule_types'
import RiskConfigurationQueries from '#queries/risk/risk_configuration_queries'
import ScoredTransactionQuery from '#queries/risk/scored_transaction_query'

export interface ScanRiskHistoryInput {
  since: Date
  until?: Date | null
  /** Only this rule (the others switched off): a backfill after one rule changed */
  rule?: RuleId | null
  onProgress?: (done: number, total: number) => void
}

export interface ScanSummary {
  scanned: number
  alerted: number
  raised: number
  alreadyRaised: number
  configurationVersion: number
}

const BATCH = 500

/**
 * `node ace risk:scan`: re-runs the rules over the postings booked in a
 * period with the active configuration, the way 'risk.score' does after
 * each posting, and raises the alerts they would have raised. Idempotent:
 * an alert already raised for a transaction (by the queue or an earlier
 * scan) is found, not raised again; run it as often as needed.
 */
@inject()
export default class ScanRiskHistory {
  constructor(
    private transactions: ScoredTransactionQuery,
    private configurations: RiskConfigurationQueries,
    private score: ScoreEvent
  ) {}

  async handle(input: ScanRiskHistoryInput): Promise<ScanSummary> {
    const configuration = onlyRule(await this.configurations.active(), input.rule ?? null)
    const total = await this.transactions.countSince(input.since, input.until ?? null)
    const summary: ScanSummary = { scanned: 0, alerted: 0, raised: 0, alreadyRaised: 0, configurationVersion: configuration.version }
    input.onProgress?.(0, total)
    let afterId = 0
    for (;;) {
      const ids = await this.transactions.idsSince(input.since, input.until ?? null, afterId, BATCH)
      if (ids.length === 0) break
      for (const id of ids) {
        const { alerts } = await this.score.handle({ event: 'ledger_transaction', subjectId: String(id) }, undefined, configuration)
        summary.scanned++
        if (alerts.length > 0) summary.alerted++
        summary.raised += alerts.filter((alert) => alert.raised).length
        summary.alreadyRaised += alerts.filter((alert) => !alert.raised).length
        input.onProgress?.(summary.scanned, Math.max(total, summary.scanned))
      }
      afterId = ids[ids.length - 1]
    }
    return summary
  }
}

/** The configuration with every rule but `rule` switched off */
function onlyRule(configuration: RiskConfiguration, rule: RuleId | null): RiskConfiguration {
  if (!rule) return configuration
  const rules = Object.fromEntries(
    Object.entries(configuration.rules).map(([id, setting]) => [id, { ...setting, enabled: id === rule && setting.enabled }])
  ) as RiskConfiguration['rules']
  return { ...configuration, rules }
}
