import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import ExportCustomerData from '#actions/customers/export_customer_data'
import CustomerPrivacyQueries from '#queries/customers/customer_privacy_queries'
import { NO_REQUEST } from '#domain/audit/actor'
import { DomainException } from '#exceptions/domain_exception'

/**
 * Access request: everything held about one customer, as JSON
 * (ExportCustomerData). By default the export is sealed under the
 * customer's data key in the customer's region's export directory and its
 * path is printed. --stdout prints the plaintext JSON instead, for piping:
 * where it goes is then the operator's responsibility (it is the
 * customer's personal data in clear). Audited as 'customer.exported'
 * (actor: system).
 */
export default class CustomersExport extends BaseCommand {
  static commandName = 'customers:export'
  static description = "Export everything held about a customer (access request), sealed in the customer's region"
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Customer number or id', required: true })
  declare customer: string

  @flags.boolean({ description: "Print the plaintext JSON to stdout instead (the operator's responsibility)" })
  declare stdout?: boolean

  @flags.string({ description: "Directory to write to: must be inside the customer's region's export directory" })
  declare output?: string

  async run() {
    if (this.stdout && this.output) {
      this.logger.error('--stdout and --output exclude each other')
      return void (this.exitCode = 1)
    }
    const customerId = await new CustomerPrivacyQueries().resolveCustomerId(this.customer)
    if (customerId === null) {
      this.logger.error(`No customer "${this.customer}"`)
      return void (this.exitCode = 1)
    }
    try {
      const result = await (await this.app.container.make(ExportCustomerData)).handle({
        customerId,
        actor: { type: 'system' },
        context: NO_REQUEST,
        destination: this.stdout ? 'stdout' : 'store',
        outputDir: this.output ?? null,
      })
      if (result.json !== null) process.stdout.write(`${result.json}\n`)
      else this.logger.success(`Export ${result.exportId} (sealed, region ${result.region}): ${result.path}`)
    } catch (error) {
      if (!(error instanceof DomainException)) throw error
      this.logger.error(`${(error as any).code}: ${error.message}`)
      this.exitCode = 1
    }
  }
}
