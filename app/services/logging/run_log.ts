import logger from '@adonisjs/core/services/logger'

/**
 * The log lines of work that is not a request, with the same fields in
 * every process so an ELK stack can chart them next to the access log:
 * `outcome` (ECS values `success`/`failure`), `duration_ms` (ECS
 * `event.duration` in ns), what ran (`queue` + `job_id`, or `command`).
 * Errors go in `err` (ECS `error.*`); secrets are scrubbed by the logger
 * configuration like everywhere else.
 */
export type RunOutcome = 'success' | 'failure'

export interface JobRun {
  queue: string
  jobId: string
  retryCount: number
  durationMs: number
  error?: unknown
}

/** One line per queue job: 'job done' (info) or 'job failed; pg-boss retries it with backoff' (warn) */
export function logJobRun(run: JobRun) {
  const fields = {
    queue: run.queue,
    job_id: run.jobId,
    retry_count: run.retryCount,
    duration_ms: run.durationMs,
    outcome: (run.error === undefined ? 'success' : 'failure') as RunOutcome,
  }
  if (run.error === undefined) logger.info(fields, 'job done')
  else logger.warn({ ...fields, err: run.error }, 'job failed; pg-boss retries it with backoff')
}

export interface BatchRun {
  command: string
  exitCode: number
  durationMs: number
  error?: unknown
}

/** One line per batch command run ('batch run completed', info; error level when it failed) */
export function logBatchRun(run: BatchRun) {
  const failed = run.error !== undefined || run.exitCode !== 0
  const fields = {
    command: run.command,
    exit_code: run.exitCode,
    duration_ms: run.durationMs,
    outcome: (failed ? 'failure' : 'success') as RunOutcome,
    ...(run.error === undefined ? {} : { err: run.error }),
  }
  logger[failed ? 'error' : 'info'](fields, 'batch run completed')
}
