import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type { FailedJob } from '#queries/queue/queue_queries'

const iso = (value: Date | null) => (value ? value.toISOString() : null)

/** The error message pg-boss stored for a failed attempt ({ message, stack } of what the handler threw) */
export function errorMessage(output: unknown): string | null {
  if (output === null || output === undefined) return null
  if (typeof output === 'object' && typeof (output as { message?: unknown }).message === 'string') {
    return (output as { message: string }).message
  }
  return typeof output === 'string' ? output : JSON.stringify(output)
}

/** Payloads and outputs as indented JSON text (payloads carry identifiers only) */
export const json = (value: unknown) => JSON.stringify(value ?? null, null, 2)

/** A failed job of a queue (retrying or failed for good) */
export default class QueueJobTransformer extends BaseTransformer<FailedJob> {
  toObject() {
    const j = this.resource
    return {
      id: j.id,
      queue: j.queue,
      state: j.state,
      data: json(j.data),
      error: errorMessage(j.output),
      output: json(j.output),
      retryCount: j.retryCount,
      retryLimit: j.retryLimit,
      createdOn: iso(j.createdOn),
      startedOn: iso(j.startedOn),
      failedOn: iso(j.completedOn),
      nextAttemptOn: j.state === 'retry' ? iso(j.startAfter) : null,
      deadLetterId: j.deadLetterId,
      /** failed for good and its dead letter still waiting (RetryFailedJob) */
      retryable: j.state === 'failed' && j.deadLetterId !== null,
      retryUrl: router.urlBuilder.urlFor('backoffice.queue.retry_failed', { queue: j.queue, id: j.id }),
    }
  }
}
