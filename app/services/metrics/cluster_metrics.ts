import cluster from 'node:cluster'
import client from 'prom-client'

/**
 * /metrics when the web server runs as a node:cluster (WEB_CONCURRENCY > 1,
 * bin/server.ts). Each worker process has its own registry and the kernel
 * hands a scrape to any one of them, so a worker alone would show only its
 * share. The worker that receives the scrape asks the cluster primary over
 * IPC ('strongroom:metrics'); the primary collects every worker's registry
 * with prom-client's AggregatorRegistry (prom-client's own IPC messages,
 * answered in each worker because it built an AggregatorRegistry too) and
 * answers with the cluster's text: counters and histograms summed, the
 * breaker state the worst of them, the default metrics as prom-client
 * aggregates them. The primary loads nothing of the app: only this file.
 */
const REQUEST = 'strongroom:metrics:request'
const RESPONSE = 'strongroom:metrics:response'
const TIMEOUT_MS = 6000

/** In the cluster primary (bin/server.ts supervise()): answer the workers' requests for the cluster's metrics */
export function serveClusterMetrics() {
  const aggregator = new client.AggregatorRegistry()
  cluster.on('message', (worker, message: any) => {
    if (message?.type !== REQUEST) return
    aggregator.clusterMetrics().then(
      (metrics) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, metrics }),
      (error) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, error: String(error?.message ?? error) })
    )
  })
}

let listening = false
let nextId = 0
const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>()

/** In a cluster worker: makes this worker answer the primary's collection requests (call at start-up) */
export function joinClusterMetrics() {
  if (!cluster.isWorker || listening) return
  listening = true
  new client.AggregatorRegistry()
  process.on('message', (message: any) => {
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
