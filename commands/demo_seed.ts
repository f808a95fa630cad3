import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import SeedDemoBank, { type SeedDemoBankResult } from '#actions/demo/seed_demo_bank'
import SeedDemoLoans from '#actions/demo/seed_demo_loans'
import { writeDemoCredentials } from '#actions/demo/demo_credentials'
import WipeDemoDatabase from '#actions/demo/wipe_demo_database'
import { STAFF_PASSWORD, CUSTOMER_PASSWORD, isDemoEnvironment } from '#database/demo/demo_bank'
import { progressLine } from '#services/console/progress_line'

/**
 * Seeds the deterministic demo bank (development and test only): staff,
 * customers, 90 days of history booked through the ledger, frozen accounts
 * and four-eyes requests waiting; writes the credentials to
 * tmp/demo-credentials.json. Idempotent.
 */
export default class DemoSeed extends BaseCommand {
  static commandName = 'demo:seed'
  static description =
    'Create the demo bank: staff per role, customers with 90 days of history, open casework (development and test only)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Number of demo customers (2 accounts each)', default: 20 })
  declare customers: number

  @flags.boolean({ description: 'Drop the whole database schema and re-run the migrations first' })
  declare fresh: boolean

  @flags.number({ description: 'Parallel workers (account batches, household groups of the history)', default: 8 })
  declare concurrency: number

  @flags.string({ description: 'Where to write the credentials (default: tmp/demo-credentials.json)' })
  declare output: string

  async run() {
    if (!isDemoEnvironment(this.app.nodeEnvironment)) {
      this.logger.error(
        `demo:seed refuses to run in ${this.app.nodeEnvironment} (NODE_ENV must be development or test): it creates users with published passwords and TOTP secrets.`
      )
      this.exitCode = 1
      return
    }
    if (this.fresh) {
      await (await this.app.container.make(WipeDemoDatabase)).handle()
      this.logger.info('Dropped the public schema')
      const command = await this.kernel.exec('migration:run', ['--force'])
      if (command.exitCode) return void (this.exitCode = command.exitCode)
    }

    const started = Date.now()
    let result: SeedDemoBankResult | undefined
    let loans = 0
    await this.ui
      .tasks()
      .add(`Seeding the demo bank (${this.customers} customers)`, async (task) => {
        let shown = ''
        result = await (await this.app.container.make(SeedDemoBank)).handle({
          customers: this.customers,
          concurrency: this.concurrency,
          onProgress: (phase, done, total) => {
            const line = progressLine(phase, done, total)
            if (line !== shown) task.update((shown = line))
          },
        })
        return `done in ${Date.now() - started} ms`
      })
      .add('Seeding the demo loans', async () => {
        loans = await (await this.app.container.make(SeedDemoLoans)).handle({ customers: this.customers })
        return `${loans} new loans`
      })
      .run()
    if (!result) return void (this.exitCode = 1)

    const path = this.output ?? this.app.tmpPath('demo-credentials.json')
    await writeDemoCredentials(path, result.credentials)
    this.printSummary(result, path, loans)
  }

  private printSummary({ created, credentials }: SeedDemoBankResult, path: string, loans: number) {
    this.logger.success(
      `Created ${created.staff} staff, ${created.customers} customers, ${created.accounts} accounts, ${created.postings} postings over 90 days, ${created.frozen} frozen accounts, ${created.approvals} pending approvals, ${loans} loans (existing ones kept)`
    )
    const staff = this.ui.table().head(['Staff e-mail', 'Role', 'TOTP secret'])
    for (const s of credentials.staff) staff.row([s.email, s.role, s.totpSecret])
    staff.render()
    const customers = this.ui.table().head(['Customer e-mail', 'KYC', 'TOTP secret', 'Accounts'])
    for (const c of credentials.customers.slice(0, 5)) {
      customers.row([c.email, c.kycStatus, c.totpSecret, c.accounts.map((a) => `${a.kind} ${a.number} (#${a.id})`).join(', ')])
    }
    customers.render()
    this.logger.info(`Staff password: ${STAFF_PASSWORD}   Customer password: ${CUSTOMER_PASSWORD}`)
    this.logger.info(`All credentials: ${path}`)
  }
}
