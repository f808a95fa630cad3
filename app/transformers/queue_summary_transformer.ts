import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type { QueueSummary } from '#queries/queue/queue_queries'

/** One queue's depth, failures and dead letters, with its retry policy */
export default class QueueSummaryTransformer extends BaseTransformer<QueueSummary> {
  toObject() {
    const q = this.resource
    return {
      name: q.name,
      deadLetter: q.deadLetter,
      counts: {
        queued: q.queued,
        ready: q.ready,
        deferred: q.deferred,
        active: q.active,
        retrying: q.retrying,
        failed: q.failed,
        dead: q.dead,
      },
      oldestWaitingSeconds: q.oldestWaitingSeconds,
      policy: {
        retryLimit: q.retryLimit,
        retryDelay: q.retryDelay,
        retryDelayMax: q.retryDelayMax,
        expireInSeconds: q.expireInSeconds,
      },
      url: router.urlBuilder.urlFor('backoffice.queue.show', { queue: q.name }),
    }
  }
}
