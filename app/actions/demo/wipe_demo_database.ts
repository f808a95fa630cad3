import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import DemoSeedRefusedException from '#exceptions/demo_seed_refused_exception'

/**
 * `demo:seed --fresh`: drops the whole `public` schema (tables, plpgsql
 * functions, triggers, types) so the migrations can run from zero.
 * `migration:fresh` drops tables only, and the ledger's functions would
 * then already exist. Development and test only.
 */
export default class WipeDemoDatabase {
  async handle(input: { environment?: string } = {}) {
    if ((input.environment ?? app.nodeEnvironment) === 'production') {
      throw new DemoSeedRefusedException()
    }
    await db.rawQuery('drop schema if exists public cascade')
    await db.rawQuery('create schema public')
  }
}
