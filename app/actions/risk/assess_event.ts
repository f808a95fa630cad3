import { inject } from '@adonisjs/core'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { assessRisk, type RiskAssessment } from '#domain/risk/assess_risk'
import type { RiskEvent } from '#domain/risk/risk_event'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'
import RiskFactsQuery from '#queries/risk/risk_facts_query'
import RiskConfigurationQueries from '#queries/risk/risk_configuration_queries'

export interface AssessEventInput {
  event: RiskEvent
  /** Another configuration than the active one (risk:scan --rule: the active one with the other rules off) */
  configuration?: RiskConfiguration
  client?: QueryClientContract
  /** A payment's idempotency key: `keyResource` says whether it was used already (same round trip) */
  idempotency?: { scope: string; key: string }
  payeeNumber?: string | null
}

/**
 * The risk rules over one event: the active configuration, the customer's
 * history (one statement, RiskFactsQuery) and the pure assessment
 * (#domain/risk/assess_risk). Reads only; the caller acts on the decision.
 */
@inject()
export default class AssessEvent {
  constructor(
    private facts: RiskFactsQuery,
    private configurations: RiskConfigurationQueries
  ) {}

  async handle(input: AssessEventInput): Promise<{ assessment: RiskAssessment; keyResource: string | null }> {
    const configuration = input.configuration ?? (await this.configurations.active())
    const { facts, keyResource } = await this.facts.facts(input.event, configuration, input)
    return { assessment: assessRisk(input.event, facts, configuration), keyResource }
  }
}
