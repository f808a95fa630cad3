import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import DemoSeedRefusedException from '#exceptions/demo_seed_refused_exception'
import { OWNER_CONNECTION } from '#services/database/database_roles'
import { isDemoEnvironment } from '#database/demo/demo_bank'

/**
 * `demo:seed --fresh`: drops the whole `public` schema (tables, plpgsql
 * functions, triggers, types) so the migrations can run from zero.
 * `migration:fresh` drops tables only, and the ledger's functions would
 * then already exist. Development and test only.
 */
export default class WipeDemoDatabase {
  async handle(input: { environment?: string } = {}) {
    if (!isDemoEnvironment(input.environment ?? app.nodeEnvironment)) {
      throw new DemoSeedRefusedException()
    }
    /* Schema changes are the owner's: the app's runtime role owns nothing (ARCHITECTURE §4) */
    const owner = db.connection(OWNER_CONNECTION)
    await owner.rawQuery('drop schema if exists public cascade')
    await owner.rawQuery('create schema public')
  }
}
