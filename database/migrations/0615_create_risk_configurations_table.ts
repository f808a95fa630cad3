import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropSqlFunctions, installSqlFunctions } from '#database/sql_functions'
import { DEFAULT_RISK_CONFIGURATION } from '#domain/risk/risk_configuration'

/**
 * The anomaly-detection configuration, versioned (issue 9): one row per
 * version, the highest is active (RiskConfigurationQueries.active()). A
 * change is a new row written by ApprovedRiskConfigurationChange once a
 * second administrator approved it (four-eyes), never an update: the
 * table is append-only (trigger), so the runtime role gets SELECT and
 * INSERT only (strongroom_grant_runtime) and an alert's
 * configuration_version always names what raised it.
 *
 * Version 1 is the code's DEFAULT_RISK_CONFIGURATION as of this migration
 * (requested_by / approved_by empty: the system). Editing that constant
 * later does not change version 1; ship a change as a new version.
 */
const FUNCTIONS = ['risk/risk_reject_change']

export default class extends BaseSchema {
  protected tableName = 'risk_configurations'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.integer('version').notNullable().unique()
      /* the whole RiskConfiguration (#domain/risk/risk_configuration), its `version` equal to the column */
      table.jsonb('configuration').notNullable()
      table.text('note').nullable()
      table.bigInteger('requested_by').nullable().references('id').inTable('staff_users')
      table.bigInteger('approved_by').nullable().references('id').inTable('staff_users')
      table.bigInteger('approval_id').nullable().unique().references('id').inTable('approvals')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())

      table.check('version >= 1', [], 'risk_configurations_version_positive')
      table.check(
        "jsonb_typeof(configuration) = 'object' and (configuration ->> 'version') = version::text",
        [],
        'risk_configurations_version_matches'
      )
      table.check(
        '(requested_by is null) = (approved_by is null) and (requested_by is null or requested_by <> approved_by)',
        [],
        'risk_configurations_four_eyes'
      )
    })

    installSqlFunctions(this, FUNCTIONS)
    this.schema.raw(`
      create trigger risk_configurations_append_only
      before update or delete on risk_configurations
      for each row execute function risk_reject_change()
    `)
    this.schema.raw(`
      create trigger risk_configurations_no_truncate
      before truncate on risk_configurations
      for each statement execute function risk_reject_change()
    `)

    this.defer(async (db) => {
      await db.table(this.tableName).insert({
        version: DEFAULT_RISK_CONFIGURATION.version,
        configuration: JSON.stringify(DEFAULT_RISK_CONFIGURATION),
        note: 'Initial configuration (migration 0615)',
      })
    })
  }

  async down() {
    this.schema.raw('drop table if exists risk_configurations cascade')
    dropSqlFunctions(this, FUNCTIONS)
  }
}
