import { BaseSeeder } from '@adonisjs/lucid/seeders'
import app from '@adonisjs/core/services/app'
import SeedDemoBank from '#actions/demo/seed_demo_bank'
import SeedDemoLoans from '#actions/demo/seed_demo_loans'
import { writeDemoCredentials } from '#actions/demo/demo_credentials'
import { DEMO_ENVIRONMENTS } from '#database/demo/demo_bank'

/**
 * `node ace db:seed`: the same demo bank (and its loans) as `node ace demo:seed`
 * (20 customers; use demo:seed --customers=N for other sizes).
 * Lucid runs this seeder in development and test only (app.nodeEnvironment
 * is 'test', never 'testing'); the action refuses any other environment too.
 */
export default class extends BaseSeeder {
  static environment = [...DEMO_ENVIRONMENTS]

  async run() {
    const action = await app.container.make(SeedDemoBank)
    const result = await action.handle({ customers: 20 })
    await (await app.container.make(SeedDemoLoans)).handle({ customers: 20 })
    await writeDemoCredentials(app.tmpPath('demo-credentials.json'), result.credentials)
  }
}
