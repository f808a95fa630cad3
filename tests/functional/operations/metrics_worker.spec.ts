import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import queueConfig, { deadLetterOf } from '#config/queue'
import jobQueue from '#services/queue/job_queue'
import { freePort } from '#tests/helpers/app_instance'
import { pendingRoleChange } from '#tests/helpers/approvals'
import { TEST_QUEUE, deadLetteredJob, waitingJobs } from '#tests/helpers/queue_jobs'
import { alertFor } from '#tests/helpers/risk_alerts'
import { createStaff } from '#tests/helpers/staff'
import { eventually, startWorker, type WorkerProcess } from '#tests/helpers/queue_worker'
import { metricValue, parseMetrics } from './metrics_text.js'

const TOKEN = `worker-metrics-${randomUUID()}-${randomUUID()}`

/** `node ace <args>` as its own process, as cron or a Kubernetes CronJob runs a batch command; resolves with its exit code */
async function ace(args: string[]): Promise<number> {
  try {
    await promisify(execFile)(process.execPath, ['ace.js', ...args], { cwd: app.appRoot.pathname, env: process.env, timeout: 120_000 })
    return 0
  } catch (error: any) {
    if (typeof error?.code === 'number') return error.code
    throw error
  }
}

async function scrapeWorker(port: number, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, path = '/metrics') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers })
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() }
}

async function count(sql: string, bindings: unknown[] = []) {
  const { rows } = await db.rawQuery(sql, bindings)
  return Number(rows[0].n)
}

test.group("Metrics: the worker's /metrics (node ace queue:work)", (group) => {
  let worker: WorkerProcess | undefined
  group.each.teardown(async () => {
    await worker?.kill()
    worker = undefined
  })

  test('shows queue depth, dead letters, approvals, alerts, its jobs and the batch commands\' last runs', async ({ assert }) => {
    const { staff: maker } = await createStaff({ role: 'admin', enrolled: true })
    await pendingRoleChange(maker)
    await alertFor({ severity: 'critical' })
    await waitingJobs(2)
    await deadLetteredJob(0)

    /* real batch runs: one that succeeds, one that fails, and ledger:verify (whatever the shared test database holds) */
    assert.equal(await ace(['audit:seal']), 0)
    assert.equal(await ace(['loans:collect', '--date=2026-02-30']), 1)
    const verified = await ace(['ledger:verify'])
    const failed = await db.from('batch_runs').where('command', 'loans:collect').orderBy('id', 'desc').firstOrFail()
    assert.isFalse(failed.succeeded)
    assert.equal(failed.summary.exitCode, 1)

    const port = await freePort()
    worker = await startWorker(['--queues=maintenance.prune'], {
      METRICS_PORT: String(port),
      METRICS_TOKEN: TOKEN,
      METRICS_ALLOWED_IPS: 'none',
      LOG_LEVEL: 'debug',
    })
    await db.transaction((trx) => jobQueue.enqueue(trx, 'maintenance.prune', {}))
    let text = ''
    await eventually(
      async () => {
        text = (await scrapeWorker(port)).text
        return (metricValue(text, 'strongroom_jobs_total', { queue: 'maintenance.prune', outcome: 'completed' }) ?? 0) >= 1
      },
      60,
      'the worker ran the maintenance.prune job'
    )
    assert.isAbove(metricValue(text, 'strongroom_job_duration_seconds_count', { queue: 'maintenance.prune' }) ?? 0, 0)
    assert.isTrue(parseMetrics(text).every((sample) => sample.labels.process === 'worker'), 'process="worker" everywhere')

    /* the scrape-time gauges match the database (nothing else works these rows during this test) */
    const waiting = await count(`select count(*) as n from ${queueConfig.schema}.job where name = ? and state = 'created'`, [TEST_QUEUE])
    const dead = await count(`select count(*) as n from ${queueConfig.schema}.job where name = ? and state in ('created', 'retry')`, [deadLetterOf(TEST_QUEUE)])
    const approvals = await count(`select count(*) as n from approvals where status = 'pending' and kind = 'staff.role_change'`)
    const critical = await count(`select count(*) as n from risk_alerts where status in ('open', 'investigating') and severity = 'critical'`)
    text = (await scrapeWorker(port)).text
    assert.isAtLeast(waiting, 2)
    assert.equal(metricValue(text, 'strongroom_queue_jobs', { queue: TEST_QUEUE, state: 'created' }), waiting)
    assert.isAtLeast(dead, 1)
    assert.equal(metricValue(text, 'strongroom_queue_dead_letters', { queue: TEST_QUEUE }), dead)
    assert.isAtLeast(approvals, 1)
    assert.equal(metricValue(text, 'strongroom_approvals_pending', { kind: 'staff.role_change' }), approvals)
    assert.isAtLeast(critical, 1)
    assert.equal(metricValue(text, 'strongroom_risk_alerts_open', { severity: 'critical' }), critical)
    assert.isAtLeast(metricValue(text, 'strongroom_audit_seal_lag_seconds') ?? -1, 0)
    assert.isDefined(metricValue(text, 'strongroom_webhook_delivery_lag_seconds_count'))
    assert.isDefined(metricValue(text, 'strongroom_db_pool_connections', { state: 'used' }))

    assert.equal(metricValue(text, 'strongroom_batch_last_run_success', { command: 'audit:seal' }), 1)
    assert.equal(metricValue(text, 'strongroom_batch_last_run_success', { command: 'loans:collect' }), 0)
    assert.equal(metricValue(text, 'strongroom_batch_last_run_success', { command: 'ledger:verify' }), verified === 0 ? 1 : 0)
    const latest = await db.from('batch_runs').where('command', 'ledger:verify').orderBy('finished_at', 'desc').firstOrFail()
    assert.equal(metricValue(text, 'strongroom_batch_last_run_timestamp_seconds', { command: 'ledger:verify' }), latest.finished_at.getTime() / 1000)
    assert.approximately(latest.finished_at.getTime(), Date.now(), 300_000)
    assert.equal(
      metricValue(text, 'strongroom_batch_last_run_duration_seconds', { command: 'ledger:verify' }),
      (latest.finished_at.getTime() - latest.started_at.getTime()) / 1000
    )
    assert.isAbove((latest.finished_at.getTime() - latest.started_at.getTime()) / 1000, 0)
  }).timeout(240_000)

  test('is refused without the token (no address is allowed here) or with a wrong one; the token is never logged', async ({ assert }) => {
    const port = await freePort()
    worker = await startWorker(['--queues=maintenance.prune'], {
      METRICS_PORT: String(port),
      METRICS_TOKEN: TOKEN,
      METRICS_ALLOWED_IPS: 'none',
      LOG_LEVEL: 'debug',
    })
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }] as Record<string, string>[]) {
      const refused = await scrapeWorker(port, headers)
      assert.equal(refused.status, 403)
      assert.match(refused.contentType, /^application\/problem\+json/)
      assert.notInclude(refused.text, 'strongroom_')
    }
    assert.equal((await scrapeWorker(port, {}, '/other')).status, 404)
    const served = await scrapeWorker(port)
    assert.equal(served.status, 200)
    assert.match(served.contentType, /^text\/plain; version=0\.0\.4/)
    assert.notInclude(served.text, TOKEN)
    assert.notInclude(worker.output(), TOKEN)
  }).timeout(120_000)
})
