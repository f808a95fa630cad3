import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import client from 'prom-client'
import { registry } from '#services/metrics/metrics'
import '#services/metrics/worker_gauges'
import {
  DASHBOARD_FILE,
  dashboardExpressions,
  metricNamesIn,
  metricOf,
  repoPath,
  ruleExpressions,
} from '#tests/helpers/prometheus'

/**
 * The Grafana dashboard (ops/grafana/strongroom.json) and the alert rules
 * (ops/prometheus/rules/) against the metrics the code registers
 * (app/services/metrics/: the catalog), without a Prometheus: every metric
 * an expression reads exists with the labels it groups and filters by.
 * tests/functional/operations/prometheus.spec.ts checks the same against a
 * real Prometheus scraping running processes.
 */

interface KnownMetric {
  type: string
  labels: Set<string>
}

/** Labels every series has besides its own: the process default label and Prometheus's target labels */
const COMMON_LABELS = ['process', 'instance', 'job', '__name__']

/** The app's metrics (web and worker) and prom-client's default metrics, with their types and labels */
function catalog(): Map<string, KnownMetric> {
  const defaults = new client.Registry()
  client.collectDefaultMetrics({ register: defaults })
  const known = new Map<string, KnownMetric>()
  for (const metric of [...registry.getMetricsAsArray(), ...defaults.getMetricsAsArray()]) {
    const { name, labelNames = [] } = metric as unknown as { name: string; labelNames?: string[] }
    const type = metric instanceof client.Histogram ? 'histogram' : metric instanceof client.Counter ? 'counter' : metric instanceof client.Summary ? 'summary' : 'gauge'
    known.set(name, { type, labels: new Set([...labelNames, ...COMMON_LABELS, ...(type === 'histogram' ? ['le'] : [])]) })
  }
  return known
}

/** Label names an expression filters or groups by */
function labelNamesIn(expr: string): string[] {
  const bare = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""')
  const names = new Set<string>()
  for (const [, matchers] of bare.matchAll(/\{([^{}]*)\}/g)) {
    for (const [, name] of matchers.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)) names.add(name)
  }
  for (const [, list] of bare.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)) {
    for (const name of list.split(',').map((one) => one.trim()).filter(Boolean)) names.add(name)
  }
  return [...names]
}

/** Problems of one expression against the catalog: unknown metrics, series a metric does not have, labels it does not carry */
function problemsOf(where: string, expr: string, known: Map<string, KnownMetric>): string[] {
  const problems: string[] = []
  const metrics: KnownMetric[] = []
  for (const series of metricNamesIn(expr)) {
    const exact = known.get(series)
    const histogram = known.get(metricOf(series))
    if (exact && exact.type !== 'histogram') metrics.push(exact)
    else if (exact) problems.push(`${where}: ${series} is a histogram: read its _bucket, _count or _sum series`)
    else if (histogram?.type === 'histogram') metrics.push(histogram)
    else problems.push(`${where}: ${series} is not a metric of the app or of prom-client's defaults`)
  }
  const labels = new Set(metrics.flatMap((metric) => [...metric.labels]))
  for (const label of labelNamesIn(expr)) {
    if (metrics.length > 0 && !labels.has(label)) problems.push(`${where}: no metric of "${expr}" has the label ${label}`)
  }
  return problems
}

test.group('Grafana dashboard and alert rules: the metric catalog', () => {
  test('finds the metric names of an expression, not label names or values', ({ assert }) => {
    assert.deepEqual(
      metricNamesIn(
        'time() - max by (command) (strongroom_batch_last_run_timestamp_seconds{command="ledger:verify", process=~"$process"}) > 26 * 3600'
      ),
      ['strongroom_batch_last_run_timestamp_seconds']
    )
    assert.deepEqual(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, route) (rate(strongroom_http_request_duration_seconds_bucket{route!~"/metrics|strongroom_x"}[5m]))) / on (instance) group_left (process_kind) nodejs_eventloop_lag_p99_seconds'
      ),
      ['strongroom_http_request_duration_seconds_bucket', 'nodejs_eventloop_lag_p99_seconds']
    )
    assert.deepEqual(metricNamesIn('up{job=~"strongroom.*"} == 0'), [])
    assert.equal(metricOf('strongroom_job_duration_seconds_count'), 'strongroom_job_duration_seconds')
    assert.equal(metricOf('strongroom_jobs_total'), 'strongroom_jobs_total')
  })

  test('every metric and label the dashboard reads is registered by the app or prom-client', async ({ assert }) => {
    const known = catalog()
    const expressions = await dashboardExpressions()
    assert.isAbove(expressions.length, 25)
    const problems = expressions.flatMap(({ panel, expr }) => problemsOf(`dashboard "${panel}"`, expr, known))
    assert.deepEqual(problems, [])
  })

  test('every metric and label the alert rules read is registered by the app or prom-client', async ({ assert }) => {
    const known = catalog()
    const rules = await ruleExpressions()
    const problems = rules.flatMap(({ name, expr }) => problemsOf(`rule ${name}`, expr, known))
    assert.deepEqual(problems, [])
  })

  test('the check itself refuses an unknown metric, a bare histogram and a label the metric lacks', ({ assert }) => {
    const known = catalog()
    assert.lengthOf(problemsOf('x', 'rate(strongroom_no_such_total[5m])', known), 1)
    assert.lengthOf(problemsOf('x', 'strongroom_http_request_duration_seconds', known), 1)
    assert.lengthOf(problemsOf('x', 'sum by (queue) (strongroom_ledger_postings_total)', known), 1)
    assert.deepEqual(problemsOf('x', 'sum by (kind, outcome, instance) (rate(strongroom_ledger_postings_total[5m]))', known), [])
  })

  test('every metric of the catalog appears on the dashboard', async ({ assert }) => {
    const shown = new Set((await dashboardExpressions()).flatMap(({ expr }) => metricNamesIn(expr).map(metricOf)))
    const own = registry.getMetricsAsArray().map((metric) => (metric as unknown as { name: string }).name).filter((name) => name.startsWith('strongroom_'))
    assert.deepEqual(own.filter((name) => !shown.has(name)), [])
  })
})

test.group('Grafana dashboard: its model', () => {
  async function dashboard() {
    return JSON.parse(await readFile(repoPath(DASHBOARD_FILE), 'utf8'))
  }

  test('is a schema 39 dashboard with a datasource variable and instance and process variables', async ({ assert }) => {
    const model = await dashboard()
    assert.equal(model.schemaVersion, 39)
    assert.equal(model.uid, 'strongroom-overview')
    const variables = Object.fromEntries(model.templating.list.map((variable: any) => [variable.name, variable]))
    assert.containsSubset(variables.DS_PROMETHEUS, { type: 'datasource', query: 'prometheus' })
    for (const name of ['instance', 'process']) {
      assert.containsSubset(variables[name], { type: 'query', includeAll: true, multi: true })
      assert.deepEqual(variables[name].datasource, { type: 'prometheus', uid: '${DS_PROMETHEUS}' })
    }
    // "All" processes still needs the label: other exporters' process_resident_memory_bytes (Prometheus's own, …) stay out
    assert.equal(variables.process.allValue, '.+')
    assert.equal(variables.instance.allValue, '.*')
  })

  test('has the rows of the brief, and every query panel uses the datasource variable and both filters', async ({ assert }) => {
    const model = await dashboard()
    const rows = model.panels.filter((panel: any) => panel.type === 'row').map((panel: any) => panel.title)
    assert.deepEqual(rows, [
      'Traffic', 'Latency', 'Errors', 'Ledger postings', 'Queue', 'Four-eyes and risk alerts',
      'Circuit breakers', 'Database', 'Process', 'Batch jobs and audit',
    ])
    for (const panel of model.panels.filter((one: any) => one.type !== 'row')) {
      assert.deepEqual(panel.datasource, { type: 'prometheus', uid: '${DS_PROMETHEUS}' }, panel.title)
      assert.isNotEmpty(panel.targets, panel.title)
      assert.isString(panel.description, panel.title)
      for (const target of panel.targets) {
        assert.deepEqual(target.datasource, panel.datasource, panel.title)
        assert.include(target.expr, 'instance=~"$instance"', panel.title)
        assert.include(target.expr, 'process=~"$process"', panel.title)
      }
    }
  })

  test('panel ids are unique and no two panels overlap on the 24-column grid', async ({ assert }) => {
    const panels = (await dashboard()).panels
    assert.equal(new Set(panels.map((panel: any) => panel.id)).size, panels.length)
    const cells = new Map<string, string>()
    for (const { title, gridPos } of panels) {
      assert.isAtMost(gridPos.x + gridPos.w, 24, title)
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          assert.isUndefined(cells.get(`${x},${y}`), `${title} overlaps ${cells.get(`${x},${y}`)}`)
          cells.set(`${x},${y}`, title)
        }
      }
    }
  })

  test('the provisioning files point Grafana at Prometheus and at the dashboard', async ({ assert }) => {
    const datasources = parse(await readFile(repoPath('ops/grafana/provisioning/datasources/strongroom-prometheus.yml'), 'utf8'))
    assert.containsSubset(datasources, { apiVersion: 1, datasources: [{ type: 'prometheus', access: 'proxy', url: '${PROMETHEUS_URL}' }] })
    const providers = parse(await readFile(repoPath('ops/grafana/provisioning/dashboards/strongroom.yml'), 'utf8'))
    assert.containsSubset(providers, { apiVersion: 1, providers: [{ type: 'file', options: { path: '/var/lib/grafana/dashboards/strongroom' } }] })
  })
})

test.group('Alert rules: their shape', () => {
  test('every alert waits with for:, has a severity and says what happened and what to do', async ({ assert }) => {
    const rules = await ruleExpressions()
    assert.includeMembers(rules.map((rule) => rule.name), [
      'StrongroomHigh5xxRate', 'StrongroomHighLatencyP99', 'StrongroomQueueBacklogHigh', 'StrongroomQueueBacklogGrowing',
      'StrongroomDeadLetters', 'StrongroomCircuitBreakerOpen', 'StrongroomAuditSealLagHigh', 'StrongroomLedgerVerifyFailed',
      'StrongroomLedgerVerifyNotRun', 'StrongroomTargetDown',
    ])
    for (const rule of rules) {
      assert.match(rule.for ?? '', /^\d+[smh]$/, rule.name)
      assert.oneOf(rule.labels.severity, ['warning', 'critical'], rule.name)
      for (const annotation of ['summary', 'description', 'runbook']) assert.isNotEmpty(rule.annotations[annotation], `${rule.name} ${annotation}`)
    }
  })
})
