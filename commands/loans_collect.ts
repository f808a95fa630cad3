import { flags } from '@adonisjs/core/ace'
import { BatchCommand } from '#services/console/batch_command'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { DateTime } from 'luxon'
import CollectLoanRepayments, { type CollectionSummary } from '#actions/loans/collect_loan_repayments'
import { isIsoDate } from '#domain/loans/loan_dates'
import { Money } from '#domain/money/money'
import { progressLine } from '#services/console/progress_line'

/**
 * Collects the loan instalments due on or before a business date from the
 * borrowers' accounts (partial when funds are short), charges late
 * penalties after the grace days and moves loans into and out of arrears.
 * Idempotent per date: a second run for the same date posts nothing.
 * Scheduled daily by the job queue (start/jobs.ts, 'loans.collect').
 */
export default class LoansCollect extends BatchCommand {
  static commandName = 'loans:collect'
  static description = 'Collect due loan instalments for a business date (idempotent per date)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Business date, YYYY-MM-DD (default: today, UTC)' })
  declare date?: string

  async run() {
    const businessDate = this.date ?? DateTime.utc().toISODate()!
    if (!isIsoDate(businessDate)) {
      this.logger.error('--date takes a calendar date, e.g. --date=2026-12-01')
      return void (this.exitCode = 1)
    }
    let summary: CollectionSummary | undefined
    await this.ui
      .tasks()
      .add(`Collecting loan instalments due by ${businessDate}`, async (task) => {
        let shown = ''
        summary = await (await this.app.container.make(CollectLoanRepayments)).handle({
          businessDate,
          onProgress: (done, total) => {
            const line = progressLine('loans', done, total)
            if (line !== shown) task.update((shown = line))
          },
        })
        return `${summary.loans} loans`
      })
      .run()
    if (!summary) return void (this.exitCode = 1)
    const money = (totals: Record<string, string>) =>
      Object.entries(totals)
        .map(([currency, minor]) => `${Money.fromMinorString(minor, currency).toDecimalString()} ${currency}`)
        .join(', ') || 'nothing'
    const { outcomes } = summary
    this.batchSummary = { businessDate, loans: summary.loans, ...outcomes, failed: summary.failed.length }
    this.logger.success(
      `${businessDate}: ${summary.loans} loans due — ${outcomes.collected} collected in full, ${outcomes.partial} in part, ` +
        `${outcomes.missed} missed, ${outcomes.already_collected} already collected; ${summary.penaltiesCharged} penalties, ` +
        `${summary.reminders} reminders; ` +
        `${summary.inArrears} in arrears, ${summary.paidOff} paid off. Collected ${money(summary.collected)}; ` +
        `overdue: ${money(summary.overdue)}`
    )
    for (const failure of summary.failed) this.logger.error(`loan ${failure.loanId}: ${failure.error}`)
    if (summary.failed.length > 0) this.exitCode = 1
  }
}
