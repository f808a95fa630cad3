import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import ResidencyReportQuery, { type ResidencyAnomaly } from '#queries/residency/residency_report_query'

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`)

function describe(anomaly: ResidencyAnomaly): string {
  if (anomaly.kind === 'unconfigured_region') {
    return `${anomaly.customers} customer(s) in region "${anomaly.region}", which has no storage configured here`
  }
  return `${anomaly.key} on the ${anomaly.diskRegion} disk belongs to customer ${anomaly.customerId} of region ${anomaly.customerRegion}`
}

/**
 * Lists where each residency region's data is (customers, files, backup
 * repositories, exports) and the anomalies (a customer's file on another
 * region's disk, customers of an unconfigured region); exits 1 on any.
 * --json prints the report (ResidencyReport) as JSON on stdout.
 */
export default class ResidencyReport extends BaseCommand {
  static commandName = 'residency:report'
  static description = "List where each residency region's data is stored; exit 1 on data found outside its region"
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print the report as JSON' })
  declare json: boolean

  async run() {
    const report = await new ResidencyReportQuery().run()
    if (this.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    } else {
      const table = this.ui.table()
      table.head(['Region', 'Customers', 'Master keys', 'Files', 'Files root', 'Backups (repo1 / repo2)', 'Exports'])
      for (const r of report.regions) {
        const marks = [r.home ? 'home' : null, r.default ? 'default' : null].filter(Boolean).join(', ')
        table.row([
          marks ? `${r.region} (${marks})` : r.region,
          String(r.customers),
          r.masterKeys.map((k) => `${k.provider}:${k.masterKeyId} (${k.customers})`).join(', ') || '-',
          `${r.files.files} (${size(r.files.bytes)}; ${r.files.unreferenced} unreferenced)`,
          r.files.path,
          `${r.backups.repo1.path} / ${r.backups.repo2.path}`,
          r.exports.path,
        ])
      }
      table.render()
      if (report.legacy.files > 0) {
        this.logger.warning(`${report.legacy.files} file(s) (${size(report.legacy.bytes)}) stored before residency regions remain in ${report.legacy.path}`)
      }
      for (const anomaly of report.anomalies) this.logger.error(`[${anomaly.kind}] ${describe(anomaly)}`)
      if (report.ok) this.logger.success(`Residency: ${report.regions.length} regions, no data outside its region`)
      else this.logger.error(`Residency: ${report.anomalies.length} anomalies`)
    }
    if (!report.ok) this.exitCode = 1
  }
}
