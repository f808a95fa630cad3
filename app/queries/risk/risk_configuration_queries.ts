import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RiskConfiguration } from '#domain/risk/risk_configuration'
import { validateRiskConfiguration } from '#domain/risk/validate_risk_configuration'
import { configurationChanges } from '#domain/risk/risk_configuration_changes'

/** One version of the configuration, for the settings page's history */
export interface RiskConfigurationVersion {
  version: number
  note: string | null
  createdAt: string
  requestedBy: string | null
  approvedBy: string | null
  approvalId: number | null
  /** What it changed from the version before it (empty for the first) */
  changes: string[]
}

/**
 * Reads of `risk_configurations` (migration 0615); writes go through
 * ApprovedRiskConfigurationChange only. The highest version is active.
 * One indexed row read (the unique index on version, walked backwards).
 */
export default class RiskConfigurationQueries {
  /**
   * The active configuration, checked again on the way out (a row that no
   * longer passes validation is an error, never silently used). Pass the
   * transaction's client to read it inside a transaction.
   */
  async active(client: QueryClientContract = db.connection()): Promise<RiskConfiguration> {
    const row = await client.from('risk_configurations').select('version', 'configuration').orderBy('version', 'desc').first()
    if (!row) throw new Error('risk_configurations is empty: run the migrations (0615 writes version 1)')
    return parseStored(row.version, row.configuration)
  }

  /** The active version number only (stale-form checks) */
  async activeVersion(client: QueryClientContract = db.connection()): Promise<number> {
    const row = await client.from('risk_configurations').max('version as version').first()
    return Number(row?.version ?? 0)
  }

  /** The latest versions, newest first, with who asked, who approved and what each changed */
  async versions(limit = 50): Promise<RiskConfigurationVersion[]> {
    const rows = await db
      .from('risk_configurations as c')
      .leftJoin('staff_users as maker', 'maker.id', 'c.requested_by')
      .leftJoin('staff_users as checker', 'checker.id', 'c.approved_by')
      .select('c.version', 'c.configuration', 'c.note', 'c.created_at', 'c.approval_id')
      .select('maker.full_name as requested_by', 'checker.full_name as approved_by')
      .orderBy('c.version', 'desc')
      .limit(limit + 1)
    const parsed = rows.map((row) => ({ row, configuration: parseStored(row.version, row.configuration) }))
    return parsed.slice(0, limit).map(({ row, configuration }, index) => {
      const previous = parsed[index + 1]
      return {
        version: Number(row.version),
        note: row.note,
        createdAt: new Date(row.created_at).toISOString(),
        requestedBy: row.requested_by ?? null,
        approvedBy: row.approved_by ?? null,
        approvalId: row.approval_id === null ? null : Number(row.approval_id),
        changes: previous && previous.configuration.version === configuration.version - 1
          ? configurationChanges(previous.configuration, configuration)
          : [],
      }
    })
  }
}

function parseStored(version: number, stored: unknown): RiskConfiguration {
  const value = typeof stored === 'string' ? JSON.parse(stored) : stored
  const check = validateRiskConfiguration(value)
  if (!check.ok) {
    const detail = check.errors.map((e) => `${e.path} ${e.message}`).join('; ')
    throw new Error(`risk_configurations version ${version} is not a valid configuration: ${detail}`)
  }
  return { ...check.configuration, version: Number(version) }
}
