import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import logger from '@adonisjs/core/services/logger'
import metricsConfig from '#config/metrics'
import { registry } from '#services/metrics/metrics'
import { metricsReply } from '#services/metrics/metrics_endpoint'
import { refreshWorkerGauges } from '#services/metrics/worker_gauges'

export interface WorkerMetricsServer {
  port: number
  close(): Promise<void>
}

/**
 * The worker's own `GET /metrics` (`node ace queue:work` has no HTTP
 * server): a bare node:http server on METRICS_PORT (default 9465) bound to
 * HOST, with the web endpoint's protection (the client address is the
 * socket's: no proxy headers are trusted here). The scrape-time gauges are
 * read from PostgreSQL before each exposition. Null when METRICS_PORT is 0,
 * or when the port cannot be bound: that is logged as an error and the
 * worker keeps working its jobs (Prometheus then reports the target down).
 */
export async function startWorkerMetricsServer(): Promise<WorkerMetricsServer | null> {
  const port = metricsConfig.workerPort
  if (!port) return null
  metricsConfig.access // a bad METRICS_TOKEN / METRICS_ALLOWED_IPS fails the start, not the first scrape

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n')
      return
    }
    metricsReply({ ip: req.socket.remoteAddress, authorization: req.headers.authorization }, async () => {
      await refreshWorkerGauges()
      return registry.metrics()
    }).then(
      (reply) => res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : reply.body),
      (error) => {
        logger.error({ err: error }, 'metrics: the exposition failed')
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Metrics unavailable\n')
      }
    )
  })
  server.keepAliveTimeout = 65_000
  try {
    server.listen(port, metricsConfig.host)
    await once(server, 'listening')
  } catch (error) {
    logger.error({ err: error, port }, 'metrics: the worker could not listen on METRICS_PORT; it runs without /metrics')
    return null
  }
  logger.info({ port, host: metricsConfig.host }, 'worker metrics on /metrics')
  return {
    port,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
