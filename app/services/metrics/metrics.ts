import client from 'prom-client'
import db from '@adonisjs/lucid/services/db'
import { outboundStates, type OutboundState } from '#services/outbound/circuit_breakers'

/**
 * The process's Prometheus metrics (prom-client's global registry). The
 * names and labels are a contract with the Grafana dashboard and the alert
 * rules (ops/): change them only together. Every process sets the default
 * label `process` (web | worker | batch) through initProcessMetrics(); the
 * scrape-time gauges of the worker live in worker_gauges.ts.
 *
 * Labels are bounded sets only (route patterns, kinds, queue names), never
 * ids, URLs or anything a client chooses.
 */
export const registry = client.register

export type ProcessRole = 'web' | 'worker' | 'batch'

let initialised: ProcessRole | null = null

/** Sets the `process` label and turns on prom-client's default metrics (memory, CPU, event-loop lag) once */
export function initProcessMetrics(role: ProcessRole) {
  if (initialised === role) return
  registry.setDefaultLabels({ process: role })
  if (initialised === null) client.collectDefaultMetrics({ register: registry })
  initialised = role
}

/** Seconds buckets from 5 ms to 10 s: an API call, a posting, a job */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

function metric<T>(name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make()
}

export const httpRequestDuration = metric(
  'strongroom_http_request_duration_seconds',
  () =>
    new client.Histogram({
      name: 'strongroom_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern ("unmatched" without a route) and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: LATENCY_BUCKETS,
    })
)

/** Requests refused by the load shedder (app/middleware/overload_middleware.ts) before any work, by reason (in_flight, event_loop) */
export const httpRequestsShed = metric(
  'strongroom_http_requests_shed_total',
  () =>
    new client.Counter({
      name: 'strongroom_http_requests_shed_total',
      help: 'Requests refused with 503 E_OVERLOADED by this web process, by reason (in_flight, event_loop)',
      labelNames: ['reason'] as const,
    })
)

export type PostingOutcome = 'posted' | 'refused' | 'replayed' | 'error'

export const ledgerPostings = metric(
  'strongroom_ledger_postings_total',
  () =>
    new client.Counter({
      name: 'strongroom_ledger_postings_total',
      help: 'Postings attempted through the ledger functions, by kind and outcome (posted, refused, replayed, error)',
      labelNames: ['kind', 'outcome'] as const,
    })
)

export const ledgerPostingDuration = metric(
  'strongroom_ledger_posting_duration_seconds',
  () =>
    new client.Histogram({
      name: 'strongroom_ledger_posting_duration_seconds',
      help: "Time of a posting's database call (retries included), by kind",
      labelNames: ['kind'] as const,
      buckets: LATENCY_BUCKETS,
    })
)

/** Postings per call of the posting batcher (app/services/ledger/posting_batcher.ts): 1 under light load */
export const ledgerBatchSize = metric(
  'strongroom_ledger_batch_size',
  () =>
    new client.Histogram({
      name: 'strongroom_ledger_batch_size',
      help: 'Transfers per batch sent to the database by the posting batcher (LEDGER_BATCHING; a batch of one under light load)',
      buckets: [1, 2, 4, 8, 16, 32, 64],
    })
)

/**
 * The bearer-token cache (app/services/auth/token_cache.ts):
 * strongroom_auth_token_cache_total{outcome}: `hit` (served from memory),
 * `miss` (read from the database, cache usable), `bypass` (read from the
 * database: the cache is off or its revocation feed is not listening);
 * strongroom_auth_token_cache_listening: 1 while this process LISTENs for
 * revocations (the cache serves only then), else 0.
 */
export type TokenCacheOutcome = 'hit' | 'miss' | 'bypass'

export const tokenCacheChecks = metric(
  'strongroom_auth_token_cache_total',
  () =>
    new client.Counter({
      name: 'strongroom_auth_token_cache_total',
      help: 'Customer bearer-token checks by outcome: hit (memory), miss (database), bypass (database; cache off or not listening)',
      labelNames: ['outcome'] as const,
    })
)

export const tokenCacheListening = metric(
  'strongroom_auth_token_cache_listening',
  () =>
    new client.Gauge({
      name: 'strongroom_auth_token_cache_listening',
      help: '1 while this process listens for token revocations (the token cache serves only then), else 0',
    })
)

export const idempotentReplays = metric(
  'strongroom_idempotent_replays_total',
  () =>
    new client.Counter({
      name: 'strongroom_idempotent_replays_total',
      help: 'Requests answered from an idempotency record, by scope (api, partner, backoffice)',
      labelNames: ['scope'] as const,
    })
)

/** Lucid's knex pools, read when scraped (each connection's write pool, and its read pool when it has one) */
export const dbPoolConnections = metric(
  'strongroom_db_pool_connections',
  () =>
    new client.Gauge({
      name: 'strongroom_db_pool_connections',
      help: 'Database pool connections by Lucid connection and state (used, free, pending acquires)',
      labelNames: ['connection', 'state'] as const,
      collect() {
        this.reset()
        for (const [name, node] of db.manager.connections) {
          const connection = node.connection
          if (!connection) continue
          const pools: Array<[string, any]> = [[name, connection.pool]]
          if (connection.readPool && connection.readPool !== connection.pool) pools.push([`${name}.read`, connection.readPool])
          for (const [label, pool] of pools) {
            if (!pool) continue
            this.set({ connection: label, state: 'used' }, pool.numUsed())
            this.set({ connection: label, state: 'free' }, pool.numFree())
            this.set({ connection: label, state: 'pending' }, pool.numPendingAcquires())
          }
        }
      },
    })
)

const BREAKER_VALUES: Record<OutboundState, number> = { closed: 0, half_open: 1, open: 2, isolated: 3 }

/** One per destination this process has called; in a web cluster the primary keeps the worst (max) */
export const circuitBreakerState = metric(
  'strongroom_circuit_breaker_state',
  () =>
    new client.Gauge({
      name: 'strongroom_circuit_breaker_state',
      help: 'Outbound circuit breaker per destination: 0 closed, 1 half-open, 2 open, 3 isolated',
      labelNames: ['destination'] as const,
      aggregator: 'max',
      collect() {
        this.reset()
        for (const breaker of outboundStates()) this.set({ destination: breaker.destination }, BREAKER_VALUES[breaker.state])
      },
    })
)

export const jobsTotal = metric(
  'strongroom_jobs_total',
  () =>
    new client.Counter({
      name: 'strongroom_jobs_total',
      help: 'Jobs run by this worker, by queue and outcome (completed, failed)',
      labelNames: ['queue', 'outcome'] as const,
    })
)

export const jobDuration = metric(
  'strongroom_job_duration_seconds',
  () =>
    new client.Histogram({
      name: 'strongroom_job_duration_seconds',
      help: 'Time of a job, by queue',
      labelNames: ['queue'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    })
)

export const webhookDeliveryLag = metric(
  'strongroom_webhook_delivery_lag_seconds',
  () =>
    new client.Histogram({
      name: 'strongroom_webhook_delivery_lag_seconds',
      help: "From a partner event's creation to its delivery to the partner's callback",
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    })
)

/** Text exposition of this process's registry */
export async function processMetricsText(): Promise<string> {
  return registry.metrics()
}

export const METRICS_CONTENT_TYPE = registry.contentType
