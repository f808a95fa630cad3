import router from '@adonisjs/core/services/router'
import Approval from '#models/approval'
import { RULE_IDS } from '#domain/risk/rule_types'
import { RULE_SPECS, type ParamSpec } from '#domain/risk/rules'

/** The rules as the settings form shows them: label, what it catches, each parameter's kind and label */
export function ruleFormSpecs() {
  return RULE_IDS.map((id) => ({
    id,
    label: RULE_SPECS[id].label,
    description: RULE_SPECS[id].description,
    params: Object.entries(RULE_SPECS[id].params as Record<string, ParamSpec>).map(([name, spec]) => ({
      name,
      kind: spec.kind,
      label: spec.label,
      min: spec.min ?? null,
    })),
  }))
}

/** Configuration changes waiting for a second administrator */
export async function pendingConfigurationChanges() {
  const rows = await Approval.query()
    .where('kind', 'risk.configuration_change')
    .where('status', 'pending')
    .preload('maker')
    .orderBy('id', 'desc')
    .limit(20)
  return rows.map((approval) => ({
    id: Number(approval.id),
    summary: approval.summary,
    maker: approval.maker.fullName,
    createdAt: approval.createdAt.toISO(),
    url: router.urlBuilder.urlFor('backoffice.approvals.show', { id: Number(approval.id) }),
  }))
}
