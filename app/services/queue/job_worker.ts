import type { PgBoss, Job, JobResult } from 'pg-boss'
import app from '@adonisjs/core/services/app'
import { logJobRun } from '#services/logging/run_log'
import queueConfig, { QUEUES, SCHEDULES, type QueueName } from '#config/queue'
import type { JobPayloads } from '#services/queue/job_payloads'
import { jobDuration, jobsTotal } from '#services/metrics/metrics'

/** What runs a queue's jobs: an action whose `handle()` takes the job's payload (start/jobs.ts) */
export interface JobAction<Q extends QueueName> {
  handle(payload: JobPayloads[Q], job: { id: string; retryCount: number }): Promise<unknown>
}

type Constructor<T> = new (...args: any[]) => T

export type JobHandlers = {
  [Q in QueueName]: () => Promise<{ default: Constructor<JobAction<Q>> }>
}

export interface WorkOptions {
  queues: QueueName[]
  /** Jobs run at once per queue; default: the queue's own (config/queue.ts) */
  concurrency?: number
}

let stopping = false

/**
 * On shutdown (queue:work's SIGTERM), before pg-boss's graceful stop: the
 * job running in each slot finishes, the rest of its batch is not started
 * (returned to the queue as a retry at once instead of waiting the grace).
 */
export function stopStartingJobs() {
  stopping = true
}

/** Jobs fetched at once by one slot; a full batch fetches again at once (a backlog drains without polling pauses) */
const BATCH_SIZE = 10

/**
 * Runs the queues' jobs in this process: `concurrency` slots per queue,
 * each fetching up to BATCH_SIZE jobs and running them one after the
 * other; while batches come back full the slot fetches again without
 * waiting, otherwise it polls every QUEUE_POLL_SECONDS. Each job settles
 * on its own: a handler that throws fails that job's attempt only, and
 * pg-boss retries it with exponential backoff and, once the retries are
 * spent, copies it into the queue's dead-letter queue. Handlers are
 * idempotent (a job is delivered at least once: a worker killed mid-job
 * leaves it active until it expires, then it runs again).
 */
export async function startWorkers(boss: PgBoss, handlers: JobHandlers, options: WorkOptions) {
  for (const queue of options.queues) {
    const { default: Action } = await handlers[queue]()
    const action = (await app.container.make(Action as Constructor<JobAction<typeof queue>>)) as JobAction<any>
    const localConcurrency = options.concurrency ?? QUEUES[queue].concurrency
    await boss.work<object>(
      queue,
      {
        batchSize: BATCH_SIZE,
        burstWhenBatchFull: true,
        perJobResults: true,
        localConcurrency,
        pollingIntervalSeconds: queueConfig.pollSeconds,
      },
      async (jobs: Job<object>[]) => {
        const results: JobResult[] = []
        for (const job of jobs) {
          /* shutting down: the rest of the batch gets no disposition, so pg-boss fails it back for a retry */
          if (stopping) break
          results.push(await runJob(queue, action, job))
        }
        return results
      }
    )
  }
  for (const { queue, cron, data } of SCHEDULES) {
    if (options.queues.includes(queue)) await boss.schedule(queue, cron, data, { tz: 'UTC' })
  }
}

async function runJob(queue: QueueName, action: JobAction<any>, job: Job<object>): Promise<JobResult> {
  const started = performance.now()
  const retryCount = (job as any).retryCount ?? 0
  try {
    await action.handle(job.data as any, { id: job.id, retryCount })
    logJobRun({ queue, jobId: job.id, retryCount, durationMs: performance.now() - started })
    countJob(queue, 'completed', started)
    return { id: job.id, status: 'completed' }
  } catch (error: any) {
    logJobRun({ queue, jobId: job.id, retryCount, durationMs: performance.now() - started, error })
    countJob(queue, 'failed', started)
    return { id: job.id, status: 'failed', output: { message: String(error?.message ?? error), code: error?.code ?? null } }
  }
}

/** strongroom_jobs_total and strongroom_job_duration_seconds (the worker's /metrics) */
function countJob(queue: QueueName, outcome: 'completed' | 'failed', started: number) {
  jobsTotal.inc({ queue, outcome })
  jobDuration.observe({ queue }, (performance.now() - started) / 1000)
}
