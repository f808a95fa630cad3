import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BatchCommand } from '#services/console/batch_command'
import EraseDueCustomers from '#actions/customers/erase_due_customers'

/**
 * Executes the approved erasure requests whose retention period has ended
 * (crypto-shredding, EraseCustomer) and brings the waiting ones' dates up
 * to date. Scheduled daily (see README "Erasure and export"); safe to run
 * again at any time. Exits 1 when an erasure failed.
 */
export default class PrivacyEraseDue extends BatchCommand {
  static commandName = 'privacy:erase-due'
  static description = 'Execute the approved customer erasure requests whose retention period has ended'
  static options: CommandOptions = { startApp: true }

  async run() {
    const summary = await (await this.app.container.make(EraseDueCustomers)).handle()
    this.batchSummary = { scheduled: summary.scheduled, executed: summary.executed, waiting: summary.waiting, failed: summary.failed.length }
    this.logger.success(
      `${summary.scheduled} scheduled erasure requests: ${summary.executed} executed, ${summary.waiting} still retained, ${summary.failed.length} failed`
    )
    for (const failure of summary.failed) this.logger.error(`erasure request ${failure.erasureRequestId}: ${failure.error}`)
    if (summary.failed.length > 0) this.exitCode = 1
  }
}
