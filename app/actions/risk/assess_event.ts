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
  /** History rows per account (RiskFactsQuery's HISTORY_SAMPLE) */
  sample?: number
}

/**
 * The last configuration read in this process. Never used blindly: every
 * assessment's facts statement also returns the active version, and a
 * different one reloads the configuration and reads the facts again, so a
 * second instance or an approved change is seen by the next assessment.
 */
let lastRead: RiskConfiguration | null = null

/**
 * The risk rules over one event: the active configuration, the customer's
 * history (one statement, RiskFactsQuery) and the pure assessment
 * (#domain/risk/assess_risk). Reads only; the caller acts on the decision.
 * In the payment path that is one round trip (two when the configuration
 * changed since this process last read it).
 */
@inject()
export default class AssessEvent {
  constructor(
    private facts: RiskFactsQuery,
    private configurations: RiskConfigurationQueries
  ) {}

  async handle(input: AssessEventInput): Promise<{ assessment: RiskAssessment; keyResource: string | null }> {
    let configuration = input.configuration ?? lastRead ?? (await this.reload(input.client))
    let read = await this.facts.facts(input.event, configuration, input)
    if (!input.configuration && read.activeVersion !== configuration.version) {
      configuration = await this.reload(input.client)
      read = await this.facts.facts(input.event, configuration, input)
    }
    return { assessment: assessRisk(input.event, read.facts, configuration), keyResource: read.keyResource }
  }

  private async reload(client?: QueryClientContract) {
    lastRead = await this.configurations.active(client)
    return lastRead
  }
}
