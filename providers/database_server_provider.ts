import type { ApplicationService } from '@adonisjs/core/types'
import { EmbeddedDatabase } from '#services/embedded_database'

/**
 * Makes sure the configured PostgreSQL answers before anything queries it:
 * starts the embedded server in development and test when no database is
 * configured, and creates the application database when it is missing.
 */
export default class DatabaseServerProvider {
  #database?: EmbeddedDatabase

  constructor(protected app: ApplicationService) {}

  async boot() {
    const { databaseLocation } = await import('#config/database')
    this.#database = new EmbeddedDatabase(databaseLocation)
    const logger = await this.app.container.make('logger')
    await this.#database.ensureRunning((message) => logger.info(message))
  }

  async shutdown() {
    await this.#database?.stop()
  }
}
