import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per run of a batch command (`ledger:verify`, `loans:collect`,
 * `audit:seal`, `audit:verify`, `audit:checkpoint`, `risk:scan`), written
 * by BatchCommand (app/services/console/batch_command.ts) when the run
 * ends, failed runs included (succeeded = false). The worker exposes each
 * command's latest run as the strongroom_batch_* gauges, so an alert fires
 * when a nightly job failed or stopped running. Operational history, not
 * evidence: the runtime role gets the usual DML through
 * strongroom_grant_runtime(), re-run after every migration command.
 */
export default class extends BaseSchema {
  protected tableName = 'batch_runs'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('command', 60).notNullable()
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('finished_at', { useTz: true }).notNullable()
      table.boolean('succeeded').notNullable()
      /** exit code, error message, what the command reported (no secrets, no personal data) */
      table.jsonb('summary').notNullable().defaultTo('{}')
      table.check('finished_at >= started_at', [], 'batch_runs_finished_after_start')
    })
    /* The latest run per command at each scrape: one index scan per command */
    this.schema.raw('create index batch_runs_command_finished_idx on batch_runs (command, finished_at desc)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
