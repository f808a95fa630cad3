import vine, { errors } from '@vinejs/vine'
import { text } from '#validators/common'
import { validateRiskConfiguration } from '#domain/risk/validate_risk_configuration'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'

/**
 * Settings page: request a new risk configuration (four-eyes). The form
 * sends the whole configuration as JSON text (numbers stay numbers, money
 * stays decimal strings), its `version` being the version it was edited
 * from; riskConfigurationFromForm() then checks it against the domain.
 */
export const requestRiskConfigurationChangeValidator = vine.create({
  configuration: text().maxLength(200_000),
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})

/**
 * The form's configuration, parsed and validated by
 * validateRiskConfiguration(). Invalid: a validation error per setting,
 * on its own field ("configuration.rules.velocity.params.mediumCount"),
 * so the page shows it next to the input (422 for JSON clients).
 */
export function riskConfigurationFromForm(json: string): RiskConfiguration {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new errors.E_VALIDATION_ERROR([
      { field: 'configuration', rule: 'json', message: 'The configuration is not valid JSON' },
    ])
  }
  const check = validateRiskConfiguration(parsed)
  if (check.ok) return check.configuration
  throw new errors.E_VALIDATION_ERROR(
    check.errors.map((e) => ({
      field: e.path ? `configuration.${e.path}` : 'configuration',
      rule: 'riskConfiguration',
      message: `${e.path || 'configuration'} ${e.message}`,
    }))
  )
}
