import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import { createApiCustomer, otpFor, postTransfer, transferBody, uniqueIp } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'
import { type AppInstance, freePort, startAppInstance } from '#tests/helpers/app_instance'
import { type WorkerProcess, eventually, startWorker } from '#tests/helpers/queue_worker'
import {
  EXAMPLE_CONFIG_FILE,
  PROMETHEUS_BIN,
  PROMTOOL_BIN,
  RULES_FILE,
  RULE_TESTS_FILE,
  type PrometheusServer,
  configFromExample,
  dashboardExpressions,
  metricNamesIn,
  promtool,
  requireBinary,
  ruleExpressions,
  startPrometheus,
  tempDir,
  withGrafanaVariables,
} from '#tests/helpers/prometheus'

/**
 * The operations files against Debian's real Prometheus 2.x: promtool
 * checks the rules (and proves each alert fires: ops/prometheus/tests/),
 * and the example configuration; then a Prometheus started from that
 * example scrapes a running web instance and queue worker (bearer
 * METRICS_TOKEN, no IP allowed without it) after real traffic and a real
 * `node ace ledger:verify`, and must hold a series of every metric the
 * Grafana dashboard and the alert rules read, run every dashboard
 * expression, and evaluate every rule without error.
 */

/** `node ace <command>`; resolves with its exit code whatever it is */
function ace(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['ace', ...args], { cwd: app.appRoot.pathname, env: process.env, timeout: 60_000 }, (error) =>
      resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0)
    )
  })
}

test.group('Operations: promtool on the rules and the example configuration', (group) => {
  group.setup(() => {
    requireBinary(PROMTOOL_BIN)
    requireBinary(PROMETHEUS_BIN)
  })

  test('promtool check rules accepts every rule file', async ({ assert }) => {
    const { code, output } = await promtool(['check', 'rules', RULES_FILE])
    assert.equal(code, 0, output)
    assert.match(output, new RegExp(`SUCCESS: ${(await ruleExpressions()).length} rules found`))
  })

  test('promtool test rules: every alert fires on the series meant to fire it, and only then', async ({ assert }) => {
    const { code, output } = await promtool(['test', 'rules', RULE_TESTS_FILE])
    assert.equal(code, 0, output)
    assert.include(output, 'SUCCESS')
  })

  test('promtool refuses a broken rule file (the check can fail)', async ({ assert }) => {
    const dir = await tempDir('strongroom-rules-')
    try {
      const file = join(dir.path, 'broken.yml')
      await writeFile(file, 'groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum by (le (rate(x[5m]))\n')
      const { code, output } = await promtool(['check', 'rules', file])
      assert.notEqual(code, 0)
      assert.match(output, /FAILED/)
    } finally {
      await dir.remove()
    }
  })

  test('promtool check config accepts the example configuration with its token file and rule files', async ({ assert }) => {
    const dir = await tempDir('strongroom-promconfig-')
    try {
      const tokenFile = join(dir.path, 'token')
      await writeFile(tokenFile, randomBytes(24).toString('hex'), { mode: 0o400 })
      const config = await configFromExample({ tokenFile, targets: { web: ['web-1.internal:3333'], worker: ['worker-1.internal:9465'] } })
      await writeFile(join(dir.path, 'prometheus.yml'), config)
      const { code, output } = await promtool(['check', 'config', join(dir.path, 'prometheus.yml')])
      assert.equal(code, 0, output)
      assert.include(output, 'SUCCESS')
      assert.include(output, `${EXAMPLE_CONFIG_FILE.replace('prometheus.yml', '')}rules/strongroom.rules.yml`)
    } finally {
      await dir.remove()
    }
  })
})

test.group('Operations: a real Prometheus scraping the web and the worker', (group) => {
  let dir: Awaited<ReturnType<typeof tempDir>> | undefined
  let web: AppInstance | undefined
  let worker: WorkerProcess | undefined
  let prometheus: PrometheusServer | undefined

  group.setup(() => {
    requireBinary(PROMETHEUS_BIN)
  })

  /** Everything this group started, stopped even when a test failed */
  group.each.teardown(async () => {
    await Promise.allSettled([prometheus?.stop(), web?.stop(), worker?.stop()])
    await dir?.remove()
    prometheus = web = worker = dir = undefined
  })

  test('holds every metric the dashboard and the rules read, runs every dashboard query, and evaluates every rule', async ({ assert }) => {
    const token = randomBytes(24).toString('hex')
    const access = { METRICS_TOKEN: token, METRICS_ALLOWED_IPS: 'none' }
    const workerPort = await freePort()
    dir = await tempDir('strongroom-prometheus-')
    const tokenFile = join(dir.path, 'token')
    await writeFile(tokenFile, token, { mode: 0o400 })

    const started = await Promise.allSettled([
      startAppInstance({ ...access }),
      startWorker([], { ...access, METRICS_PORT: String(workerPort), HOST: '127.0.0.1' }),
    ])
    if (started[0].status === 'fulfilled') web = started[0].value
    if (started[1].status === 'fulfilled') worker = started[1].value
    for (const result of started) if (result.status === 'rejected') throw result.reason
    const webUrl = new URL(web!.url)

    // without the token nothing is served: Prometheus's targets are up only because it sends it
    assert.equal((await fetch(`${web!.url}/metrics`)).status, 403)
    assert.equal((await fetch(`http://127.0.0.1:${workerPort}/metrics`)).status, 403)

    const config = await configFromExample({
      tokenFile,
      interval: '2s',
      targets: { web: [webUrl.host], worker: [`127.0.0.1:${workerPort}`] },
    })
    prometheus = await startPrometheus(dir.path, config)

    // traffic: a sign-in (new device: a security mail through the worker and its SMTP breaker), a transfer, its replay, a refusal
    const client = new ApiClient(web!.url, assert)
    const me = await createApiCustomer()
    const payee = await createApiCustomer()
    const from = await openAccount(me.id, { fund: '100.00' })
    const to = await openAccount(payee.id)
    const signIn = await client
      .post('/api/v1/auth/tokens')
      .header('X-Forwarded-For', uniqueIp())
      .json({ email: me.email, password: me.password, otp: await otpFor(me) })
    signIn.assertStatus(201)
    const bearer = signIn.body().data.token
    const key = randomUUID()
    ;(await postTransfer(client, bearer, transferBody(from, to, '12.34'), key)).assertStatus(201)
    const replay = await postTransfer(client, bearer, transferBody(from, to, '12.34'), key)
    replay.assertStatus(201)
    assert.equal(replay.header('idempotent-replayed'), 'true')
    ;(await postTransfer(client, bearer, transferBody(from, to, '-1'))).assertStatus(422)

    // a real batch command: its run is recorded and the worker exposes it
    const verifyStarted = Math.floor(Date.now() / 1000)
    const verified = await ace(['ledger:verify'])

    const wanted = new Map<string, string>()
    for (const { panel, expr } of await dashboardExpressions()) for (const name of metricNamesIn(expr)) wanted.set(name, `dashboard "${panel}"`)
    for (const { name, expr } of await ruleExpressions()) for (const metric of metricNamesIn(expr)) wanted.set(metric, `rule ${name}`)
    wanted.set('up', 'rule StrongroomTargetDown')

    const missing = async () => {
      const names = [...wanted.keys()]
      const found = await Promise.all(names.map((name) => prometheus!.api<object[]>('/api/v1/series', { 'match[]': `${name}{job=~"strongroom-.*"}` })))
      return names.filter((_, i) => found[i].length === 0)
    }
    let absent: string[] = [...wanted.keys()]
    await eventually(async () => (absent = await missing()).length === 0, 30, 'a series of every metric').catch(async () => {
      const { activeTargets } = await prometheus!.api<{ activeTargets: any[] }>('/api/v1/targets')
      const health = activeTargets.map((target) => `  ${target.labels.job} ${target.scrapeUrl}: ${target.health} ${target.lastError}`)
      throw new Error(`no series in Prometheus for:\n${absent.map((name) => `  ${name} (${wanted.get(name)})`).join('\n')}\ntargets:\n${health.join('\n')}`)
    })

    let health: string[] = []
    await eventually(
      async () => {
        const { activeTargets } = await prometheus!.api<{ activeTargets: any[] }>('/api/v1/targets')
        health = activeTargets.map((target) => `${target.labels.job} ${target.health} ${target.lastError}`).sort()
        return health.join('|') === 'strongroom-web up |strongroom-worker up '
      },
      20,
      'both targets up'
    ).catch((error) => {
      throw new Error(`${error.message}: ${health.join(', ')}`)
    })

    // the dashboard's variables list both processes; the batch gauges tell ledger:verify's real result
    const processes = await prometheus.api<string[]>('/api/v1/label/process/values', { 'match[]': 'process_start_time_seconds' })
    assert.includeMembers(processes, ['web', 'worker'])
    // (last_over_time: a scrape slower than its timeout on a busy machine marks the series stale for an instant)
    await eventually(
      async () => {
        const runs = await prometheus!.api<{ result: any[] }>('/api/v1/query', {
          query: `last_over_time(strongroom_batch_last_run_timestamp_seconds{command="ledger:verify"}[1m]) >= ${verifyStarted}`,
        })
        return runs.result.length === 1
      },
      20,
      'the worker reports this ledger:verify run'
    )
    const success = await prometheus.api<{ result: any[] }>('/api/v1/query', {
      query: 'last_over_time(strongroom_batch_last_run_success{command="ledger:verify"}[1m])',
    })
    assert.equal(success.result[0]?.value?.[1], verified === 0 ? '1' : '0')
    const postings = await prometheus.api<{ result: any[] }>('/api/v1/query', {
      query: 'sum by (outcome) (last_over_time(strongroom_ledger_postings_total{kind="transfer"}[1m]))',
    })
    assert.includeMembers(postings.result.map((row) => row.metric.outcome), ['posted'])

    // every dashboard expression is valid PromQL for this Prometheus, and the panels of what happened show it
    const SHOWING_DATA = [
      'Requests/s by route', 'HTTP latency p99 by route', '4xx/s by route', 'Postings/s by kind and outcome',
      'Idempotent replays/s by scope', 'Queue depth by queue and state', 'Jobs/s by queue and outcome',
      'Circuit breaker state by destination', 'Pool connections by state', 'Event-loop lag p99', 'Resident memory',
      'Batch commands: last run', 'Audit seal lag',
    ]
    assert.includeMembers((await dashboardExpressions()).map(({ panel }) => panel), SHOWING_DATA)
    let empty: string[] = []
    await eventually(
      async () => {
        empty = []
        for (const { panel, expr } of await dashboardExpressions()) {
          const { result } = await prometheus!.api<{ result: any[] }>('/api/v1/query', { query: withGrafanaVariables(expr) }).catch((error) => {
            throw new Error(`dashboard "${panel}": ${error.message}`)
          })
          if (SHOWING_DATA.includes(panel) && result.length === 0) empty.push(panel)
        }
        return empty.length === 0
      },
      20,
      'data in the panels'
    ).catch((error) => {
      throw new Error(`${error.message}: no data in ${empty.join(', ')}`)
    })

    // the rules file is loaded and every rule evaluates without error
    const rules = await ruleExpressions()
    await eventually(
      async () => {
        const { groups } = await prometheus!.api<{ groups: any[] }>('/api/v1/rules')
        const loaded = groups.flatMap((one) => one.rules)
        return loaded.length === rules.length && loaded.every((rule) => rule.health === 'ok')
      },
      15,
      'every rule evaluated'
    ).catch(async (error) => {
      const { groups } = await prometheus!.api<{ groups: any[] }>('/api/v1/rules')
      const states = groups.flatMap((one) => one.rules).map((rule) => `${rule.name}: ${rule.health} ${rule.lastError ?? ''}`)
      throw new Error(`${error.message}\n${states.join('\n')}`)
    })
    const { groups } = await prometheus.api<{ groups: any[] }>('/api/v1/rules')
    assert.sameMembers(groups.flatMap((one) => one.rules).map((rule) => rule.name), rules.map((rule) => rule.name))
    // a healthy system: no target is down
    const down = await prometheus.api<{ result: any[] }>('/api/v1/query', { query: 'ALERTS{alertname="StrongroomTargetDown"}' })
    assert.lengthOf(down.result, 0)
  }).timeout(120_000)
})
