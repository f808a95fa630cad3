import { inject } from '@adonisjs/core'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import CollectLoanRepayments from '#actions/loans/collect_loan_repayments'
import type { JobPayloads } from '#services/queue/job_payloads'

/**
 * The 'loans.collect' job, scheduled daily at 06:05 UTC by `node ace
 * queue:work` (config/queue.ts SCHEDULES): `loans:collect` for the day it
 * runs. A retry or a second run the same day posts nothing new
 * (CollectLoanRepayments is idempotent per business date).
 */
@inject()
export default class ScheduledLoanCollection {
  constructor(private collect: CollectLoanRepayments) {}

  async handle(payload: JobPayloads['loans.collect']) {
    const businessDate = payload.businessDate ?? DateTime.utc().toISODate()!
    const summary = await this.collect.handle({ businessDate })
    logger.info({ businessDate, loans: summary.loans, outcomes: summary.outcomes, failed: summary.failed.length }, 'loans collected')
    if (summary.failed.length > 0) throw new Error(`${summary.failed.length} loan collections failed on ${businessDate}`)
  }
}
