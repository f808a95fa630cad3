import { flags } from '@adonisjs/core/ace'
import { BatchCommand } from '#services/console/batch_command'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { DateTime } from 'luxon'
import ScanRiskHistory, { type ScanSummary } from '#actions/risk/scan_risk_history'
import { RULE_IDS, type RuleId } from '#domain/risk/rule_types'
import { progressLine } from '#services/console/progress_line'

/**
 * Re-runs the risk rules over the postings booked since a date (a
 * backfill after a rule or threshold changed) and raises the alerts they
 * would have raised. Idempotent: alerts already raised are not raised again.
 */
export default class RiskScan extends BatchCommand {
  static commandName = 'risk:scan'
  static description = 'Re-run the risk rules over postings booked since a date and raise missing alerts'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'First booking date or time, ISO 8601 (e.g. 2026-11-01)', required: true })
  declare since: string

  @flags.string({ description: 'Stop before this date or time, ISO 8601 (default: now)' })
  declare until?: string

  @flags.string({ description: `Only this rule (${RULE_IDS.join(', ')})` })
  declare rule?: string

  async run() {
    const since = DateTime.fromISO(this.since, { zone: 'utc' })
    const until = this.until ? DateTime.fromISO(this.until, { zone: 'utc' }) : null
    if (!since.isValid || (until && !until.isValid)) {
      this.logger.error('--since and --until take ISO 8601 dates, e.g. --since=2026-11-01')
      return void (this.exitCode = 1)
    }
    if (this.rule && !RULE_IDS.includes(this.rule as RuleId)) {
      this.logger.error(`Unknown rule "${this.rule}". Rules: ${RULE_IDS.join(', ')}`)
      return void (this.exitCode = 1)
    }

    let summary: ScanSummary | undefined
    await this.ui
      .tasks()
      .add(`Scanning postings since ${since.toISO()}${this.rule ? ` (rule ${this.rule})` : ''}`, async (task) => {
        let shown = ''
        summary = await (await this.app.container.make(ScanRiskHistory)).handle({
          since: since.toJSDate(),
          until: until?.toJSDate() ?? null,
          rule: (this.rule as RuleId | undefined) ?? null,
          onProgress: (done, total) => {
            const line = progressLine('postings', done, total)
            if (line !== shown) task.update((shown = line))
          },
        })
        return `${summary.scanned} postings`
      })
      .run()
    if (!summary) return void (this.exitCode = 1)
    this.logger.success(
      `Scanned ${summary.scanned} postings with configuration v${summary.configurationVersion}: ` +
        `${summary.alerted} alerted, ${summary.raised} new alerts, ${summary.alreadyRaised} already raised`
    )
  }
}
