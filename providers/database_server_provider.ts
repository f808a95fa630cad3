import type { ApplicationService } from '@adonisjs/core/types'
import { EmbeddedDatabase } from '#services/database/embedded_database'

/**
 * Makes sure the configured PostgreSQL answers before anything queries it:
 * starts the embedded server in development and test when no database is
 * configured, creates the application database when it is missing, and the
 * runtime role where the app provisions it itself.
 *
 * Least privilege (ARCHITECTURE §4): in ace and test processes the schema
 * commands are routed to the owner connection; in production a single-role
 * configuration logs a warning at every start.
 */
export default class DatabaseServerProvider {
  #database?: EmbeddedDatabase

  constructor(protected app: ApplicationService) {}

  async boot() {
    const { databaseLocation } = await import('#config/database')
    this.#database = new EmbeddedDatabase(databaseLocation)
    const logger = await this.app.container.make('logger')
    await this.#database.ensureRunning((message) => logger.info(message))

    const roles = await import('#services/database/database_roles')
    if (!databaseLocation.leastPrivilege && this.app.inProduction) {
      logger.warn(roles.LEAST_PRIVILEGE_OFF_WARNING)
    }
    if (['console', 'test', 'repl'].includes(this.app.getEnvironment())) {
      roles.routeSchemaCommandsToOwner(await this.app.container.make('ace'), databaseLocation)
    }
  }

  async shutdown() {
    await this.#database?.stop()
  }
}
