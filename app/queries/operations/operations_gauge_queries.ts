import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import queueConfig, { QUEUE_NAMES, deadLetterOf } from '#config/queue'

/** Jobs of one queue not finished yet, by pg-boss state */
export interface QueueDepth {
  queue: string
  created: number
  retry: number
  active: number
  /** Jobs waiting in its dead-letter queue */
  dead: number
}

/** A batch command's latest run (table batch_runs) */
export interface LatestBatchRun {
  command: string
  startedAt: Date
  finishedAt: Date
  succeeded: boolean
}

/**
 * The worker's scrape-time reads for Prometheus (strongroom_queue_*,
 * approvals, alerts, audit seal lag, batch runs). Each is one indexed
 * statement over unfinished rows only (pg-boss's live-state partial index,
 * approvals_pending_idx, risk_alerts_queue_idx, the audit seal watermark,
 * batch_runs_command_finished_idx); the caller runs them in one read-only
 * transaction with a statement timeout.
 */
export default class OperationsGaugeQueries {
  constructor(private client: QueryClientContract) {}

  async queueDepths(): Promise<QueueDepth[]> {
    const names = QUEUE_NAMES.flatMap((name) => [name, deadLetterOf(name)])
    const { rows } = await this.client.rawQuery(
      `select name, state, count(*)::int as n from ${queueConfig.schema}.job
        where name = any(?) and state in ('created', 'retry', 'active')
        group by name, state`,
      [names]
    )
    const count = (name: string, states: string[]) =>
      rows.filter((row: any) => row.name === name && states.includes(row.state)).reduce((sum: number, row: any) => sum + row.n, 0)
    return QUEUE_NAMES.map((queue) => ({
      queue,
      created: count(queue, ['created']),
      retry: count(queue, ['retry']),
      active: count(queue, ['active']),
      dead: count(deadLetterOf(queue), ['created', 'retry']),
    }))
  }

  /** Pending four-eyes requests by kind */
  async approvalsPending(): Promise<Map<string, number>> {
    const { rows } = await this.client.rawQuery(
      `select kind, count(*)::int as n from approvals where status = 'pending' group by kind`
    )
    return new Map(rows.map((row: any) => [row.kind, row.n]))
  }

  /** Alerts not closed yet (open or being investigated) by severity */
  async alertsOpen(): Promise<Map<string, number>> {
    const { rows } = await this.client.rawQuery(
      `select severity, count(*)::int as n from risk_alerts where status in ('open', 'investigating') group by severity`
    )
    return new Map(rows.map((row: any) => [row.severity, row.n]))
  }

  /**
   * Age in seconds of the oldest audit event not yet in a sealed block (0:
   * none). Every event below the sealer's watermark is sealed (see
   * AuditSealer), so only the events from the watermark on are looked at.
   */
  async auditSealLagSeconds(): Promise<number> {
    const { rows } = await this.client.rawQuery(
      `select coalesce(extract(epoch from now() - min(e.occurred_at)), 0)::float8 as lag
         from audit_events e, audit_seal_state st
        where st.id and e.xact_id >= st.watermark
          and not exists (select 1 from audit_seals s where s.event_id = e.id)`
    )
    return Math.max(0, Number(rows[0]?.lag ?? 0))
  }

  /** The latest run of every batch command */
  async latestBatchRuns(): Promise<LatestBatchRun[]> {
    const { rows } = await this.client.rawQuery(
      `select distinct on (command) command, started_at, finished_at, succeeded
         from batch_runs order by command, finished_at desc`
    )
    return rows.map((row: any) => ({
      command: row.command,
      startedAt: new Date(row.started_at),
      finishedAt: new Date(row.finished_at),
      succeeded: row.succeeded === true,
    }))
  }
}
