import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Stops this process's job queue (pg-boss, started on first use by
 * #services/queue/job_queue) when the application terminates, so its
 * pool closes and a worker lets running jobs finish.
 */
export default class JobQueueProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { default: jobQueue } = await import('#services/queue/job_queue')
    await jobQueue.stop()
  }
}
