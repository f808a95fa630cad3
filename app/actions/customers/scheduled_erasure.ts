import { inject } from '@adonisjs/core'
import logger from '@adonisjs/core/services/logger'
import EraseDueCustomers from '#actions/customers/erase_due_customers'

/**
 * The 'privacy.erase_due' job, scheduled daily by `node ace queue:work`
 * (config/queue.ts SCHEDULES): `privacy:erase-due`. A retry or a second
 * run erases nothing twice (an executed request is no longer scheduled);
 * a failed erasure fails the job, so it is retried and then dead-lettered.
 */
@inject()
export default class ScheduledErasure {
  constructor(private eraseDue: EraseDueCustomers) {}

  async handle() {
    const summary = await this.eraseDue.handle()
    logger.info(
      { scheduled: summary.scheduled, executed: summary.executed, waiting: summary.waiting, failed: summary.failed.length },
      'due erasures executed'
    )
    if (summary.failed.length > 0) throw new Error(`${summary.failed.length} erasures failed`)
  }
}
