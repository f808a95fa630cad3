import net from 'node:net'
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Graceful shutdown of a web process (bin/server.ts), on SIGTERM:
 *
 * 1. draining starts: /health/ready answers 503 (start/health.ts), so a
 *    load balancer or Kubernetes stops sending, and every response from
 *    now on carries `Connection: close` (a keep-alive connection closes
 *    after its current request instead of taking more);
 * 2. after SHUTDOWN_DELAY_SECONDS (default 0; the time a balancer needs to
 *    see the 503) the listener closes: new connections are refused;
 * 3. requests already on a connection finish. A connection that carries no
 *    request gets IDLE_GRACE_MS to deliver one it may have sent already,
 *    then is closed;
 * 4. what is still open at SHUTDOWN_TIMEOUT_SECONDS (default 25, below
 *    Kubernetes' 30 s grace period) is cut, and the app terminates (closes
 *    the database pools) either way.
 *
 * Module state, not a container binding: bin/server.ts uses it before the
 * application boots.
 */
let draining = false

/** Whether this process is shutting down (readiness answers 503) */
export function isDraining(): boolean {
  return draining
}

export interface ShutdownSettings {
  delayMs: number
  timeoutMs: number
}

/** SHUTDOWN_DELAY_SECONDS and SHUTDOWN_TIMEOUT_SECONDS (read before the env is validated: bad values fall back) */
export function shutdownSettings(env: NodeJS.ProcessEnv = process.env): ShutdownSettings {
  const seconds = (value: string | undefined, fallback: number) => {
    const parsed = Number(value)
    return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback
  }
  return {
    delayMs: seconds(env.SHUTDOWN_DELAY_SECONDS, 0) * 1000,
    timeoutMs: seconds(env.SHUTDOWN_TIMEOUT_SECONDS, 25) * 1000,
  }
}

/** How long a connection without a request is kept after the listener closed (a request may be on its way) */
const IDLE_GRACE_MS = 1000

/** The request listener, made to close each connection after its response once draining */
export function drainAware(listener: RequestListener): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (draining) response.setHeader('Connection', 'close')
    listener(request, response)
  }
}

/**
 * Drains `server` (steps 1–4 above). Resolves when every connection has
 * ended, or at the timeout once the rest were cut; `cut` is how many were.
 */
export async function drain(server: Server, settings: ShutdownSettings): Promise<{ cut: number }> {
  draining = true
  const deadline = Date.now() + settings.timeoutMs
  await sleep(Math.min(settings.delayMs, settings.timeoutMs))

  /* net.Server's close, not http.Server's: the latter also drops idle keep-alive connections at once */
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()))
  const done = { value: false }
  closed.then(() => (done.value = true))

  const idleCut = Date.now() + IDLE_GRACE_MS
  while (!done.value && Date.now() < deadline) {
    if (Date.now() >= idleCut) server.closeIdleConnections()
    await Promise.race([closed, sleep(50)])
  }
  if (done.value) return { cut: 0 }
  const open = await new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count ?? 0)))
  server.closeAllConnections()
  await Promise.race([closed, sleep(1000)])
  return { cut: open }
}
