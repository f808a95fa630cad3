import { inject } from '@adonisjs/core'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import RiskConfigurationQueries from '#queries/risk/risk_configuration_queries'
import { validateRiskConfiguration } from '#domain/risk/validate_risk_configuration'
import { configurationChanges } from '#domain/risk/risk_configuration_changes'
import type { RequestContext } from '#domain/audit/actor'
import InvalidRiskConfigurationException from '#exceptions/invalid_risk_configuration_exception'
import RiskConfigurationChangedMeanwhileException from '#exceptions/risk_configuration_changed_meanwhile_exception'
import RiskConfigurationUnchangedException from '#exceptions/risk_configuration_unchanged_exception'

/** Payload of a 'risk.configuration_change' approval */
export interface RiskConfigurationChangePayload {
  /** The active version the change was made from; the approval refuses to run once it is not */
  baseVersion: number
  /** The version it will become (baseVersion + 1) */
  version: number
  /** One line per changed setting, for the checker */
  changes: string[]
  /** The whole new configuration as JSON (one line in the inbox instead of a hundred) */
  configuration: string
}

/**
 * Four-eyes: files a 'risk.configuration_change' approval instead of
 * changing the anomaly configuration; another administrator's approval
 * runs ApprovedRiskConfigurationChange, which writes the next version.
 * `configuration.version` is the version the form was edited from: it
 * must still be the active one. Idempotent per maker and key.
 * Throws: InvalidRiskConfiguration (422, every error named),
 * RiskConfigurationChangedMeanwhile (409), RiskConfigurationUnchanged (422).
 */
@inject()
export default class RequestRiskConfigurationChange {
  constructor(
    private requestApproval: RequestApproval,
    private configurations: RiskConfigurationQueries
  ) {}

  async handle(input: {
    maker: StaffUser
    configuration: unknown
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const check = validateRiskConfiguration(input.configuration)
    if (!check.ok) throw InvalidRiskConfigurationException.of(check.errors)
    const active = await this.configurations.active()
    if (check.configuration.version !== active.version) throw new RiskConfigurationChangedMeanwhileException()
    const next = { ...check.configuration, version: active.version + 1 }
    const changes = configurationChanges(active, next)
    if (changes.length === 0) throw new RiskConfigurationUnchangedException()

    const payload: RiskConfigurationChangePayload = {
      baseVersion: active.version,
      version: next.version,
      changes,
      configuration: JSON.stringify(next),
    }
    const shown = changes.slice(0, 3).join('; ') + (changes.length > 3 ? `; and ${changes.length - 3} more` : '')
    return this.requestApproval.handle({
      kind: 'risk.configuration_change',
      summary: `Risk configuration version ${next.version}: ${shown}`,
      payload: { ...payload },
      subject: { type: 'risk_configuration', id: next.version },
      maker: input.maker,
      makerReason: input.reason ?? null,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
    })
  }
}
