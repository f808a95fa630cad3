import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import app from '@adonisjs/core/services/app'
import { freePort } from '#tests/helpers/app_instance'
import { startChildService } from '#tests/helpers/child_service'

/**
 * The real Prometheus of the Operations tests: Debian's `prometheus` and
 * `promtool` (apt-get install -y prometheus; .ci/run installs them), the
 * Grafana dashboard's and the alert rules' PromQL expressions, and the
 * metric names in them.
 */
export const PROMETHEUS_BIN = '/usr/bin/prometheus'
export const PROMTOOL_BIN = '/usr/bin/promtool'

export const DASHBOARD_FILE = 'ops/grafana/strongroom.json'
export const RULES_DIR = 'ops/prometheus/rules'
export const RULES_FILE = `${RULES_DIR}/strongroom.rules.yml`
export const RULE_TESTS_FILE = 'ops/prometheus/tests/strongroom.rules.test.yml'
export const EXAMPLE_CONFIG_FILE = 'ops/prometheus/prometheus.yml'

export const repoPath = (path: string) => join(app.appRoot.pathname, path)

/** Throws a message that says how to install it when the binary is missing */
export function requireBinary(path: string) {
  if (!existsSync(path)) throw new Error(`${path} is missing: apt-get install -y prometheus`)
}

export interface ToolResult {
  code: number
  output: string
}

/** Runs promtool with `args` in the repository root; resolves with its exit code and output (never rejects on a non-zero exit) */
export function promtool(args: string[]): Promise<ToolResult> {
  requireBinary(PROMTOOL_BIN)
  return new Promise((resolve) => {
    execFile(PROMTOOL_BIN, args, { cwd: app.appRoot.pathname, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, output: `${stdout}${stderr}` })
    })
  })
}

/*
|--------------------------------------------------------------------------
| Expressions and the metric names in them
|--------------------------------------------------------------------------
*/

/** Metric names of the app (strongroom_*) and of prom-client's default metrics (nodejs_*, process_*) */
const OWN_METRIC = /\b(?:strongroom|nodejs|process)_[a-zA-Z0-9_]+\b/g
const HISTOGRAM_SERIES = /_(bucket|count|sum)$/

/**
 * Names of the metrics an expression reads, as written (`…_bucket`
 * included). String literals and label matchers are removed first, so
 * label values ("ledger:verify") and label names are never taken for
 * metric names.
 */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^{}]*\}/g, '{}')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '$1()')
  return [...new Set(bare.match(OWN_METRIC) ?? [])]
}

/** The metric a series name belongs to: a histogram's _bucket, _count and _sum series are the histogram */
export const metricOf = (series: string) => series.replace(HISTOGRAM_SERIES, '')

export interface DashboardExpression {
  panel: string
  expr: string
}

/** Every PromQL expression of the Grafana dashboard: panel targets and template variable queries */
export async function dashboardExpressions(): Promise<DashboardExpression[]> {
  const dashboard = JSON.parse(await readFile(repoPath(DASHBOARD_FILE), 'utf8'))
  const expressions: DashboardExpression[] = []
  for (const panel of dashboard.panels ?? []) {
    for (const target of panel.targets ?? []) expressions.push({ panel: panel.title, expr: target.expr })
  }
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type !== 'query') continue
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query
    const inner = /^label_values\((.*),\s*\w+\)$/.exec(query ?? '')
    if (!inner) throw new Error(`variable ${variable.name}: not a label_values(metric, label) query: ${query}`)
    expressions.push({ panel: `variable ${variable.name}`, expr: inner[1] })
  }
  return expressions
}

export interface RuleExpression {
  name: string
  expr: string
  labels: Record<string, string>
  annotations: Record<string, string>
  for?: string
}

/** Every alerting rule of the rules file */
export async function ruleExpressions(): Promise<RuleExpression[]> {
  const file = parse(await readFile(repoPath(RULES_FILE), 'utf8'))
  return file.groups.flatMap((group: any) =>
    group.rules.map((rule: any) => ({
      name: rule.alert ?? rule.record,
      expr: String(rule.expr),
      labels: rule.labels ?? {},
      annotations: rule.annotations ?? {},
      for: rule.for,
    }))
  )
}

/** Grafana's variables replaced as Grafana would with "All" selected, so the expression runs in Prometheus */
export const withGrafanaVariables = (expr: string) =>
  expr.replaceAll('$__rate_interval', '1m').replaceAll('$instance', '.*').replaceAll('$process', '.+')

/*
|--------------------------------------------------------------------------
| Configuration
|--------------------------------------------------------------------------
*/

export interface ScrapeTargets {
  web: string[]
  worker: string[]
}

/**
 * The example configuration (ops/prometheus/prometheus.yml) made runnable:
 * its token file and targets replaced, its rule files resolved to the
 * repository's, and, when given, a faster scrape and evaluation interval.
 */
export async function configFromExample(options: { tokenFile: string; targets: ScrapeTargets; interval?: string }) {
  const config = parse(await readFile(repoPath(EXAMPLE_CONFIG_FILE), 'utf8'))
  config.rule_files = (config.rule_files ?? []).map((file: string) => repoPath(join('ops/prometheus', file)))
  if (options.interval) {
    config.global.scrape_interval = options.interval
    config.global.evaluation_interval = options.interval
    config.global.scrape_timeout = options.interval
  }
  const jobs: Record<string, string[]> = { 'strongroom-web': options.targets.web, 'strongroom-worker': options.targets.worker }
  for (const job of config.scrape_configs) {
    if (!(job.job_name in jobs)) throw new Error(`${EXAMPLE_CONFIG_FILE}: unexpected job ${job.job_name}`)
    job.authorization.credentials_file = options.tokenFile
    job.static_configs = [{ targets: jobs[job.job_name] }]
  }
  return stringify(config)
}

/** A temporary directory removed by `remove()` */
export async function tempDir(prefix: string) {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

/*
|--------------------------------------------------------------------------
| A running Prometheus
|--------------------------------------------------------------------------
*/

export interface PrometheusServer {
  url: string
  output(): string
  /** GET on the HTTP API (/api/v1/…); throws on a non-success answer */
  api<T = any>(path: string, params?: Record<string, string | string[]>): Promise<T>
  stop(): Promise<void>
}

/**
 * Starts Prometheus on 127.0.0.1 and a free port (never 9090), with its
 * configuration and TSDB in `dir`. Resolves once /-/ready answers.
 */
export async function startPrometheus(dir: string, configYaml: string): Promise<PrometheusServer> {
  requireBinary(PROMETHEUS_BIN)
  const configFile = join(dir, 'prometheus.yml')
  await writeFile(configFile, configYaml)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const service = await startChildService(
    'prometheus',
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { cwd: dir, readyUrl: `${url}/-/ready`, timeoutSeconds: 30 }
  )
  return {
    url,
    output: service.output,
    stop: service.stop,
    async api(path, params = {}) {
      const query = new URLSearchParams()
      for (const [key, value] of Object.entries(params)) {
        for (const one of Array.isArray(value) ? value : [value]) query.append(key, one)
      }
      const response = await fetch(`${url}${path}?${query}`)
      const body: any = await response.json().catch(() => ({}))
      if (!response.ok || body.status !== 'success') {
        throw new Error(`Prometheus ${path} ${JSON.stringify(params)}: ${response.status} ${body.errorType ?? ''} ${body.error ?? ''}`)
      }
      return body.data
    },
  }
}
