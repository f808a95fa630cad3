import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type { DeadLetter } from '#queries/queue/queue_queries'
import { errorMessage, json } from '#transformers/queue_job_transformer'

const iso = (value: Date | null) => (value ? value.toISOString() : null)

/** A job waiting in `<queue>.dead` after its retries ran out */
export default class QueueDeadLetterTransformer extends BaseTransformer<DeadLetter> {
  toObject() {
    const d = this.resource
    return {
      id: d.id,
      queue: d.queue,
      sourceId: d.sourceId,
      data: json(d.data),
      error: errorMessage(d.output),
      output: json(d.output),
      retryCount: d.retryCount,
      sourceCreatedOn: iso(d.sourceCreatedOn),
      deadLetteredOn: iso(d.createdOn),
      retryUrl: router.urlBuilder.urlFor('backoffice.queue.retry_dead', { queue: d.queue, id: d.id }),
    }
  }
}
