import { BaseSchema } from '@adonisjs/lucid/schema'
import { getConstructionPlans } from 'pg-boss'
import queueConfig from '#config/queue'
import { installSqlFunctions } from '#database/sql_functions'

/**
 * The job queue (ARCHITECTURE §7): pg-boss's tables in their own schema
 * (QUEUE_SCHEMA, default pgboss), installed here by the owner because the
 * runtime role may not create schemas. The processes start pg-boss with
 * `migrate: false`; upgrading pg-boss to a new schema version takes a new
 * migration running `getMigrationPlans(schema, fromVersion)`.
 *
 * strongroom_grant_runtime() gains the queue schema: the runtime role
 * reads and writes jobs there, and owns nothing.
 */
export default class extends BaseSchema {
  async up() {
    const schema = queueConfig.schema
    this.defer(async (db) => {
      const installed = await db.rawQuery('select to_regclass(?) is not null as installed', [`${schema}.version`])
      if (!installed.rows[0].installed) await db.rawQuery(escapeBindings(getConstructionPlans(schema)))
    })
    installSqlFunctions(this, ['platform/strongroom_grant_runtime'])
  }

  async down() {
    this.schema.raw(`drop schema if exists ${queueConfig.schema} cascade`)
  }
}

/** pg-boss's SQL has jsonb `?` operators: knex's raw would read them as bindings */
function escapeBindings(sql: string): string {
  return sql.replace(/\?/g, '\\?')
}
