import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BatchCommand } from '#services/console/batch_command'
import { progressLine } from '#services/console/progress_line'
import EncryptPersonalData, { type EncryptPersonalDataSummary } from '#actions/customers/encrypt_personal_data'
import EncryptLoanPersonalData, { type LoanBackfillResult } from '#actions/loans/encrypt_loan_personal_data'

/**
 * Seals the personal data of customers stored before encryption (issue 13,
 * ARCHITECTURE §8) and empties their plaintext columns, in batches of
 * --batch-size rows, one transaction each, while the application runs.
 * Resumable and idempotent: run it again after an interruption; a run
 * with nothing left to do seals 0 rows. Exit code 1 when rows are left
 * (locked by the application during the whole run: run it again).
 */
export default class PiiEncrypt extends BatchCommand {
  static commandName = 'pii:encrypt'
  static description = "Seal customers' plaintext personal data (backfill after the encryption migration; safe on a live database)"
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Rows per batch (one transaction each, 1 to 5000)', default: 500 })
  declare batchSize: number

  async run() {
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > 5000) {
      this.logger.error('--batch-size takes a whole number from 1 to 5000')
      return void (this.exitCode = 1)
    }
    let summary: EncryptPersonalDataSummary | undefined
    let loans: LoanBackfillResult | undefined
    await this.ui
      .tasks()
      .add('Sealing customers’ personal data', async (task) => {
        let shown = ''
        summary = await (await this.app.container.make(EncryptPersonalData)).handle({
          batchSize: this.batchSize,
          onProgress: (done, total) => {
            const line = progressLine('customers', done, total)
            if (line !== shown) task.update((shown = line))
          },
        })
        return `${summary.sealed} customers`
      })
      /* loans: applicants' declarations and document names, under the customers' keys (#actions/loans/encrypt_loan_personal_data) */
      .add('Sealing loan applicants’ declarations', async () => {
        loans = await (await this.app.container.make(EncryptLoanPersonalData)).handle({ batchSize: this.batchSize })
        return `${loans.sealed} loans`
      })
      .run()
    if (!summary || !loans) return void (this.exitCode = 1)
    this.batchSummary = { ...summary, loans }
    this.logger.success(`Sealed ${loans.sealed} loans (${loans.emptied} of erased customers emptied); ${loans.remaining} left in plaintext`)
    if (loans.remaining > 0) this.exitCode = 1
    this.logger.success(`Sealed ${summary.sealed} customers in ${summary.batches} batches; ${summary.remaining} left in plaintext`)
    if (summary.remaining > 0) {
      this.logger.warning('Some rows were locked by the application during this run: run "node ace pii:encrypt" again')
      this.exitCode = 1
    }
  }
}
