import cluster from 'node:cluster'
import client from 'prom-client'

/**
 * /metrics when the web server runs as a node:cluster (WEB_CONCURRENCY > 1,
 * bin/server.ts). Each worker process has its own registry and the kernel
 * hands a scrape to any one of them, so a worker alone would show only its
 * share. The worker that receives the scrape asks the cluster primary over
 * IPC; the primary collects the registry of every worker that listens (as
 * JSON, over our own IPC messages) and merges them with prom-client's
 * AggregatorRegistry.aggregate(): counters and histograms summed, the
 * breaker state the worst of them (each metric's `aggregator`), the default
 * metrics as prom-client aggregates them. The primary loads nothing of the
 * app: only this file.
 */
const REQUEST = 'strongroom:metrics:request'
const RESPONSE = 'strongroom:metrics:response'
const COLLECT = 'strongroom:metrics:collect'
const COLLECTED = 'strongroom:metrics:collected'
/** How long the primary waits for one worker's registry */
const WORKER_TIMEOUT_MS = 3000
/** How long a worker waits for the primary's answer (every worker's wait, plus margin) */
const TIMEOUT_MS = WORKER_TIMEOUT_MS + 3000

type MetricsJson = Awaited<ReturnType<typeof client.register.getMetricsAsJSON>>

/**
 * In the cluster primary (bin/server.ts supervise()): answer the workers'
 * requests for the cluster's metrics. Only workers that listen (booted)
 * are asked: one still booting has served no request, and waiting for it
 * would fail the scrape. A worker that does not answer within
 * WORKER_TIMEOUT_MS is left out of that scrape rather than failing it.
 */
export function serveClusterMetrics() {
  const listeningWorkers = new Set<number>()
  cluster.on('listening', (worker) => listeningWorkers.add(worker.id))
  cluster.on('exit', (worker) => listeningWorkers.delete(worker.id))
  let nextCollection = 0
  const collections = new Map<number, (metrics: MetricsJson) => void>()

  cluster.on('message', (worker, message: any) => {
    if (message?.type === COLLECTED) {
      collections.get(message.id)?.(message.metrics)
      return
    }
    if (message?.type !== REQUEST) return
    const workers = [...listeningWorkers].map((id) => cluster.workers?.[id]).filter((w) => w?.isConnected())
    const collected = workers.map(
      (target) =>
        new Promise<MetricsJson | null>((resolve) => {
          const id = nextCollection++
          const timer = setTimeout(() => (collections.delete(id), resolve(null)), WORKER_TIMEOUT_MS)
          collections.set(id, (metrics) => (clearTimeout(timer), collections.delete(id), resolve(metrics)))
          target!.send({ type: COLLECT, id })
        })
    )
    Promise.all(collected)
      .then((all) => client.AggregatorRegistry.aggregate(all.filter((m): m is MetricsJson => m !== null)).metrics())
      .then(
        (metrics) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, metrics }),
        (error) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, error: String(error?.message ?? error) })
      )
  })
}

let listening = false
let nextId = 0
const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>()

/** In a cluster worker: answers the primary's collection requests with this worker's registry (call at start-up) */
export function joinClusterMetrics() {
  if (!cluster.isWorker || listening) return
  listening = true
  process.on('message', (message: any) => {
    if (message?.type === COLLECT) {
      client.register.getMetricsAsJSON().then((metrics) => process.send?.({ type: COLLECTED, id: message.id, metrics }))
      return
    }
    if (message?.type !== RESPONSE) return
    const request = pending.get(message.id)
    if (!request) return
    pending.delete(message.id)
    if (message.error) request.reject(new Error(message.error))
    else request.resolve(message.metrics)
  })
}

/** Whether this process is one worker of a web cluster (its metrics alone are not the instance's) */
export function inWebCluster(): boolean {
  return cluster.isWorker && typeof process.send === 'function'
}

/** In a cluster worker: the whole cluster's metrics text, from the primary */
export function clusterMetricsText(): Promise<string> {
  joinClusterMetrics()
  const id = nextId++
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id)
      reject(new Error('the cluster primary did not answer with the metrics in time'))
    }, TIMEOUT_MS)
    pending.set(id, {
      resolve: (text) => (clearTimeout(timer), resolve(text)),
      reject: (error) => (clearTimeout(timer), reject(error)),
    })
    process.send!({ type: REQUEST, id })
  })
}
