/*
|--------------------------------------------------------------------------
| HTTP server entrypoint
|--------------------------------------------------------------------------
|
| WEB_CONCURRENCY (default 1): number of HTTP worker processes sharing the
| port through node:cluster. Read here, before the app boots: the primary
| only forks and supervises, each worker is a full, stateless instance
| (ARCHITECTURE §1), the same as N instances behind a balancer.
*/

import 'reflect-metadata'
import cluster from 'node:cluster'
import type { Server } from 'node:http'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { drain, drainAware, shutdownSettings } from '#services/http/graceful_shutdown'
import { createNodeServer, prepareDevTls, type DevTls } from '#services/tls/dev_tls'

const APP_ROOT = new URL('../', import.meta.url)
const WORKERS = Number.parseInt(process.env.WEB_CONCURRENCY ?? '1', 10)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

/** The Node HTTP server of this process (not in the cluster primary) */
let server: Server | undefined
/** DEV_TLS=true in development: the self-signed certificate to serve HTTPS with (app/services/tls/dev_tls.ts) */
let tls: DevTls | null = null

if (cluster.isPrimary && Number.isInteger(WORKERS) && WORKERS > 1) {
  supervise(WORKERS)
} else {
  new Ignitor(APP_ROOT, { importer: IMPORTER })
    .tap((app) => {
      app.booting(async () => {
        await import('#start/env')
      })
      app.booted(async () => {
        tls = await prepareDevTls(app.appRoot.pathname)
        if (tls) (await app.container.make('logger')).info({ cert: tls.certPath }, 'serving HTTPS with the development certificate')
      })
      /*
       * Graceful shutdown (app/services/http/graceful_shutdown.ts): drain the
       * server (readiness 503, in-flight requests finish, bounded by
       * SHUTDOWN_TIMEOUT_SECONDS), then terminate the app (pools closed).
       * A cluster worker's IPC channel keeps it alive: disconnect once the app has stopped
       */
      let stopping: Promise<void> | undefined
      const stop = () =>
        (stopping ??= (server ? drain(server, shutdownSettings()) : Promise.resolve())
          .then(() => app.terminate())
          .finally(() => cluster.isWorker && process.disconnect()))
      app.listen('SIGTERM', stop)
      app.listenIf(app.managedByPm2 || cluster.isWorker, 'SIGINT', stop)
    })
    .httpServer()
    .start((handler) => (server = createNodeServer(tls, drainAware(handler))))
    .catch((error) => {
      process.exitCode = 1
      prettyPrintError(error)
    })
}

/**
 * The cluster primary: forks `count` workers, forwards SIGTERM/SIGINT to
 * them and exits when they have all stopped. A worker that dies while the
 * primary is not stopping stops the whole group (exit code 1): restarts are
 * the job of the process manager (systemd, Kubernetes), not of this file.
 */
function supervise(count: number) {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGTERM'))
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      console.error(`web worker ${worker.process.pid} exited (${signal ?? code}): stopping`)
      process.exitCode = 1
      stop('SIGTERM')
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit()
  })
  /* GET /metrics answers for the whole cluster: a worker asks the primary, which aggregates (cluster_metrics.ts) */
  import('#services/metrics/cluster_metrics').then(({ serveClusterMetrics }) => serveClusterMetrics())
  for (let i = 0; i < count; i++) cluster.fork()
}
