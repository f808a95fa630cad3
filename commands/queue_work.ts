import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { QUEUE_NAMES, type QueueName } from '#config/queue'
import jobQueue from '#services/queue/job_queue'
import { startWorkers, stopStartingJobs } from '#services/queue/job_worker'
import jobs from '#start/jobs'
import env from '#start/env'
import { initProcessMetrics } from '#services/metrics/metrics'
import { startWorkerMetricsServer } from '#services/metrics/worker_metrics_server'

/**
 * The worker process (ARCHITECTURE §7): runs the job queue's handlers
 * until SIGINT/SIGTERM, then lets running jobs finish (up to --grace
 * seconds, default SHUTDOWN_TIMEOUT_SECONDS), then exits 0. Any number
 * of workers may run, on any machine; each job runs on one of them. Keeps the periodic schedules (config/queue.ts).
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run the job queue worker (mail, notifications, risk scoring, schedules) until stopped'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({ description: `Queues to work (default: all of ${QUEUE_NAMES.join(', ')})` })
  declare queues?: string[]

  @flags.number({ description: 'Jobs run at once per queue (default: each queue\'s own, config/queue.ts)' })
  declare concurrency?: number

  @flags.number({ description: 'Seconds running jobs get to finish on shutdown (default: SHUTDOWN_TIMEOUT_SECONDS, 25)' })
  declare grace?: number

  async run() {
    const queues = (this.queues?.length ? this.queues.flatMap((q) => q.split(',')) : QUEUE_NAMES) as QueueName[]
    const unknown = queues.filter((queue) => !QUEUE_NAMES.includes(queue))
    if (unknown.length) {
      this.logger.error(`Unknown queue(s): ${unknown.join(', ')}. Known: ${QUEUE_NAMES.join(', ')}`)
      this.exitCode = 1
      return this.terminate()
    }
    if (this.concurrency !== undefined && !(Number.isInteger(this.concurrency) && this.concurrency > 0)) {
      this.logger.error('--concurrency must be a positive integer')
      this.exitCode = 1
      return this.terminate()
    }

    initProcessMetrics('worker')
    jobQueue.configure({ worker: true })
    const boss = await jobQueue.boss()
    await startWorkers(boss, jobs, { queues, concurrency: this.concurrency })
    /* GET /metrics on METRICS_PORT (app/services/metrics/worker_metrics_server.ts); closed when the app terminates */
    const metricsServer = await startWorkerMetricsServer()
    if (metricsServer) this.app.terminating(() => metricsServer.close())
    this.logger.info(`Working ${queues.join(', ')} (Ctrl+C to stop)`)

    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'))
      process.once('SIGTERM', () => resolve('SIGTERM'))
    })
    /*
     * pg-boss stops fetching at once, waits up to `grace` for the running
     * handlers, then fails what is still running: those jobs go back to the
     * queue as retries (handlers are idempotent) instead of waiting for
     * their expiry. A process that still has not exited well after that is
     * stuck (a pool that does not close): exit 1 rather than be SIGKILLed.
     */
    const grace = this.grace ?? env.get('SHUTDOWN_TIMEOUT_SECONDS') ?? 25
    this.logger.info(`${signal}: finishing running jobs (up to ${grace} s)`)
    setTimeout(() => {
      console.error(`queue:work did not stop within ${grace + 10} s of ${signal}: exiting`)
      process.exit(1)
    }, (grace + 10) * 1000).unref()
    stopStartingJobs()
    await jobQueue.stop({ graceful: true, timeout: grace * 1000 })
    /*
     * A handler still running past the grace holds a database connection
     * that closing the pools would wait for; its jobs are already back on
     * the queue and its transaction rolls back when the connection drops.
     */
    setTimeout(() => process.exit(process.exitCode ?? 0), 3000).unref()
    await this.terminate()
  }
}

