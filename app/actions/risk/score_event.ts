import { inject } from '@adonisjs/core'
import AssessEvent from '#actions/risk/assess_event'
import RaiseAlert, { type RaisedAlert } from '#actions/risk/raise_alert'
import type { RiskDecision } from '#domain/risk/assess_risk'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'
import ScoredTransactionQuery from '#queries/risk/scored_transaction_query'
import { HISTORY_SAMPLE } from '#queries/risk/risk_facts_query'
import type { JobPayloads } from '#services/queue/job_payloads'

export interface ScoreResult {
  decision: RiskDecision | null
  alerts: RaisedAlert[]
}

/**
 * The 'risk.score' job, after commit: every rule over one committed
 * posting (money-laundering typologies above all: structuring, mules,
 * dormant accounts), an alert per typology that reached its threshold.
 * The money has moved: nothing is held or refused here. Idempotent: the
 * alert's dedupe key is the transaction (`txn:<id>`), shared with
 * `risk:scan`, so a re-delivered job or a re-scan raises nothing twice.
 */
@inject()
export default class ScoreEvent {
  constructor(
    private transactions: ScoredTransactionQuery,
    private assess: AssessEvent,
    private raiseAlert: RaiseAlert
  ) {}

  async handle(payload: JobPayloads['risk.score'], _job?: unknown, configuration?: RiskConfiguration): Promise<ScoreResult> {
    if (payload.event !== 'ledger_transaction') return { decision: null, alerts: [] }
    const transactionId = Number(payload.subjectId)
    const event = await this.transactions.event(transactionId)
    if (!event) return { decision: null, alerts: [] }
    const { assessment } = await this.assess.handle({ event, configuration, sample: HISTORY_SAMPLE.afterCommit })
    const alerts = await this.raiseAlert.handle({
      assessment,
      event,
      subject: { customerId: event.customerId, accountId: event.accountId, transactionId },
      dedupeKey: `txn:${transactionId}`,
    })
    return { decision: assessment.decision, alerts }
  }
}
