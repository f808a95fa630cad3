import { BaseTransformer } from '@adonisjs/core/transformers'
import type { QueueSchedule } from '#queries/queue/queue_queries'

/** A periodic job as pg-boss keeps it */
export default class QueueScheduleTransformer extends BaseTransformer<QueueSchedule> {
  toObject() {
    const s = this.resource
    return {
      queue: s.queue,
      key: s.key,
      cron: s.cron,
      timezone: s.timezone,
      updatedOn: new Date(s.updatedOn).toISOString(),
      lastJobId: s.lastJobId,
    }
  }
}
