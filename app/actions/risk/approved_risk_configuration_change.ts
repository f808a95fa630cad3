import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import type { RiskConfigurationChangePayload } from '#actions/risk/request_risk_configuration_change'
import RiskConfigurationQueries from '#queries/risk/risk_configuration_queries'
import AuditTrail from '#services/audit/audit_trail'
import { validateRiskConfiguration } from '#domain/risk/validate_risk_configuration'
import InvalidRiskConfigurationException from '#exceptions/invalid_risk_configuration_exception'
import RiskConfigurationChangedMeanwhileException from '#exceptions/risk_configuration_changed_meanwhile_exception'

/** pg_advisory_xact_lock key serialising configuration changes (the table is append-only: no row to lock) */
export const RISK_CONFIGURATION_LOCK = 7_215_615

/**
 * Runs an approved 'risk.configuration_change' in the approval's
 * transaction: under a transaction-scoped advisory lock (two approvals
 * cannot both write the next version), the active version must still be
 * the one the change was made from; the configuration is validated again
 * and inserted as version base + 1, in the maker's name, approved by the
 * checker; 'risk.configuration.changed' is audited with the changes.
 * Throws: RiskConfigurationChangedMeanwhile, InvalidRiskConfiguration
 * (the approval stays pending; the checker rejects it).
 */
export default class ApprovedRiskConfigurationChange implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const payload = approval.payload as unknown as RiskConfigurationChangePayload
    await trx.rawQuery('select pg_advisory_xact_lock(?)', [RISK_CONFIGURATION_LOCK])
    const active = await new RiskConfigurationQueries().activeVersion(trx)
    if (active !== Number(payload.baseVersion)) throw new RiskConfigurationChangedMeanwhileException()

    const check = validateRiskConfiguration(JSON.parse(String(payload.configuration)))
    if (!check.ok) throw InvalidRiskConfigurationException.of(check.errors)
    const version = active + 1
    if (check.configuration.version !== version) throw new RiskConfigurationChangedMeanwhileException()

    await trx.table('risk_configurations').insert({
      version,
      configuration: JSON.stringify(check.configuration),
      note: approval.makerReason,
      requested_by: maker.id,
      approved_by: checker.id,
      approval_id: approval.id,
    })
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: maker.id },
        action: 'risk.configuration.changed',
        subject: { type: 'risk_configuration', id: version },
        before: { version: active },
        after: { version, changes: payload.changes },
        metadata: { approval_id: String(approval.id), approved_by: String(checker.id) },
        ...context,
      },
      trx
    )
    return { version }
  }
}
