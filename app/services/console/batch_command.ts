import { BaseCommand } from '@adonisjs/core/ace'
import db from '@adonisjs/lucid/services/db'
import { initProcessMetrics } from '#services/metrics/metrics'
import { logBatchRun } from '#services/logging/run_log'

/**
 * Base class of the batch commands (ledger:verify, loans:collect,
 * audit:seal, audit:verify, audit:checkpoint, risk:scan): each run is
 * recorded in batch_runs when it ends, whatever the outcome, so the
 * worker's strongroom_batch_* gauges show when each command last ran,
 * whether it succeeded and how long it took. Succeeded means it ended
 * without an exception and with exit code 0 (a command that finds a
 * discrepancy sets exitCode = 1: that run is recorded as failed).
 *
 * A command may put a short, secret-free summary in `batchSummary`
 * (counts, the business date); the exit code and the error's message are
 * added. Failing to record (the database is down) is logged, not thrown:
 * the command's own outcome and exit code stay what they were.
 */
export abstract class BatchCommand extends BaseCommand {
  protected batchSummary: Record<string, unknown> = {}
  #startedAt = new Date()

  async prepare() {
    initProcessMetrics('batch')
    this.#startedAt = new Date()
  }

  /** Ace calls this after run(), even when it threw; false: the kernel still reports the error */
  async completed() {
    const commandName = (this.constructor as typeof BaseCommand).commandName
    const exitCode = this.exitCode ?? (this.error ? 1 : 0)
    const summary = {
      ...this.batchSummary,
      exitCode,
      ...(this.error ? { error: String((this.error as any)?.message ?? this.error).slice(0, 500) } : {}),
    }
    /* the run's log line (#services/logging/run_log): command, exit code, duration, outcome */
    logBatchRun({ command: commandName, exitCode, durationMs: Date.now() - this.#startedAt.getTime(), error: this.error ?? undefined })
    try {
      await recordBatchRun({
        command: commandName,
        startedAt: this.#startedAt,
        finishedAt: new Date(),
        succeeded: !this.error && exitCode === 0,
        summary,
      })
    } catch (error: any) {
      this.logger.warning(`The run of ${commandName} was not recorded in batch_runs: ${error?.message ?? error}`)
    }
    return false
  }
}

export interface BatchRunRecord {
  command: string
  startedAt: Date
  finishedAt: Date
  succeeded: boolean
  summary: Record<string, unknown>
}

/** One batch_runs row (the runtime role may insert it) */
export async function recordBatchRun(run: BatchRunRecord): Promise<void> {
  await db.table('batch_runs').insert({
    command: run.command,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    succeeded: run.succeeded,
    summary: JSON.stringify(run.summary),
  })
}
