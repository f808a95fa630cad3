import client from 'prom-client'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { APPROVAL_KIND_NAMES } from '#domain/approvals/approval_kinds'
import OperationsGaugeQueries from '#queries/operations/operations_gauge_queries'
import { registry } from '#services/metrics/metrics'

/**
 * The worker's gauges read from PostgreSQL when scraped (refreshWorkerGauges
 * before each exposition): queue depth and dead letters from pg-boss's job
 * table, pending approvals, open risk alerts, the audit seal lag and the
 * batch commands' latest runs. The reads share one read-only transaction
 * with a statement timeout, so a slow database makes a scrape fail fast
 * (the gauges are then absent, not stale) instead of piling up.
 */
const SCRAPE_STATEMENT_TIMEOUT_MS = 2000
const SEVERITIES = ['low', 'medium', 'high', 'critical']

function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]) {
  return (registry.getSingleMetric(name) as client.Gauge<L> | undefined) ?? new client.Gauge({ name, help, labelNames })
}

export const queueJobs = gauge('strongroom_queue_jobs', 'Jobs of a queue not finished yet, by pg-boss state (created, retry, active)', ['queue', 'state'])
export const queueDeadLetters = gauge('strongroom_queue_dead_letters', "Jobs waiting in the queue's dead-letter queue", ['queue'])
export const approvalsPending = gauge('strongroom_approvals_pending', 'Four-eyes requests waiting for a checker, by kind', ['kind'])
export const riskAlertsOpen = gauge('strongroom_risk_alerts_open', 'Risk alerts open or under investigation, by severity', ['severity'])
export const auditSealLag = gauge('strongroom_audit_seal_lag_seconds', 'Age of the oldest audit event not yet in a sealed block (0: none)', [])
export const batchLastRunTimestamp = gauge('strongroom_batch_last_run_timestamp_seconds', 'When the batch command last finished (Unix time)', ['command'])
export const batchLastRunSuccess = gauge('strongroom_batch_last_run_success', "1 if the batch command's last run succeeded, 0 if it failed", ['command'])
export const batchLastRunDuration = gauge('strongroom_batch_last_run_duration_seconds', "How long the batch command's last run took", ['command'])

const SCRAPED = [queueJobs, queueDeadLetters, approvalsPending, riskAlertsOpen, auditSealLag, batchLastRunTimestamp, batchLastRunSuccess, batchLastRunDuration]

/** Reads every scrape-time gauge; when the database does not answer in time they are left empty (absent from the scrape) and a warning is logged */
export async function refreshWorkerGauges(): Promise<void> {
  try {
    const values = await db.transaction(async (trx) => {
      await trx.rawQuery(`set transaction read only`)
      await trx.rawQuery(`set local statement_timeout = ${SCRAPE_STATEMENT_TIMEOUT_MS}`)
      const queries = new OperationsGaugeQueries(trx)
      return {
        queues: await queries.queueDepths(),
        approvals: await queries.approvalsPending(),
        alerts: await queries.alertsOpen(),
        sealLag: await queries.auditSealLagSeconds(),
        batches: await queries.latestBatchRuns(),
      }
    })
    for (const metric of SCRAPED) metric.reset()
    for (const depth of values.queues) {
      for (const state of ['created', 'retry', 'active'] as const) queueJobs.set({ queue: depth.queue, state }, depth[state])
      queueDeadLetters.set({ queue: depth.queue }, depth.dead)
    }
    const kinds = new Set<string>([...APPROVAL_KIND_NAMES, ...values.approvals.keys()])
    for (const kind of kinds) approvalsPending.set({ kind }, values.approvals.get(kind) ?? 0)
    for (const severity of new Set([...SEVERITIES, ...values.alerts.keys()])) {
      riskAlertsOpen.set({ severity }, values.alerts.get(severity) ?? 0)
    }
    auditSealLag.set(values.sealLag)
    for (const run of values.batches) {
      batchLastRunTimestamp.set({ command: run.command }, run.finishedAt.getTime() / 1000)
      batchLastRunSuccess.set({ command: run.command }, run.succeeded ? 1 : 0)
      batchLastRunDuration.set({ command: run.command }, Math.max(0, (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000))
    }
  } catch (error) {
    for (const metric of SCRAPED) metric.reset()
    logger.warn({ err: error }, 'metrics: the scrape-time gauges could not be read')
  }
}
