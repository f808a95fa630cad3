import type { Kernel } from '@adonisjs/core/ace'
import pg from 'pg'
import type { DatabaseLocation } from '#services/database/database_location'

/** The Lucid connection of the role that owns the schema (config/database.ts) */
export const OWNER_CONNECTION = 'owner'

/** Ace commands that change the schema: they connect as the owner unless --connection says otherwise */
const OWNER_COMMANDS = /^(migration:|db:wipe$|db:truncate$|schema:)/

/**
 * Least privilege in PostgreSQL (ARCHITECTURE §4): routes the schema
 * commands (`node ace migration:run`, `migration:fresh`, `db:wipe`, … also
 * when run by another command or by the test suite) to the owner connection,
 * and re-applies the runtime role's grants after every migration command,
 * so a new table, or a new append-only one, is covered at once.
 */
export function routeSchemaCommandsToOwner(kernel: Kernel, location: DatabaseLocation) {
  kernel.executing((command: any) => {
    if (OWNER_COMMANDS.test(command.commandName) && 'connection' in command && !command.connection) {
      command.connection = OWNER_CONNECTION
    }
  })
  kernel.executed(async (command: any) => {
    if (!/^migration:(run|fresh|refresh)$/.test(command.commandName) || command.exitCode) return
    if (command.connection !== OWNER_CONNECTION) return
    await grantRuntimePrivileges(location)
  })
}

/**
 * `strongroom_grant_runtime(role)` (database/sql/platform/strongroom_grant_runtime.sql) as the owner: what the
 * runtime role may do on every table, sequence and function. A no-op when
 * the runtime role is the owner (least privilege off) or before 0540 ran.
 */
export async function grantRuntimePrivileges(location: DatabaseLocation) {
  if (!location.leastPrivilege) return
  /* Its own connection: the migration command has closed Lucid's pools by the time this runs */
  const { host, port, user, password, database } = location.owner
  const owner = new pg.Client({ host, port, user, password, database, connectionTimeoutMillis: 5000 })
  await owner.connect()
  try {
    const { rows } = await owner.query(`select to_regprocedure('strongroom_grant_runtime(name)') is not null as installed`)
    if (rows[0].installed) await owner.query('select strongroom_grant_runtime($1)', [location.user])
  } finally {
    await owner.end().catch(() => {})
  }
}

/** The warning logged at every start in production when both connections are the same role */
export const LEAST_PRIVILEGE_OFF_WARNING =
  'Least privilege is OFF: no DATABASE_OWNER_URL or DB_OWNER_USER is set, so the application runs as the role that owns ' +
  'the tables and could disable the triggers protecting ledger_entries and audit_events. Set DATABASE_OWNER_URL to the ' +
  'owner (used by migrations only) and DATABASE_URL to a role that owns nothing (README "Database roles").'
