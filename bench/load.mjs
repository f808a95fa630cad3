#!/usr/bin/env node
/**
 * The load process of `npm run bench`: a closed-loop HTTP driver (one
 * request in flight per connection, keep-alive) posting transfers to
 * POST /api/v1/transfers for a fixed time. Runs as a separate process so the
 * driver does not share a CPU event loop with the server.
 *
 *   node bench/load.mjs <config.json>    → prints a JSON result on stdout
 *
 * config: { baseUrl, seconds, connections, scenario: 'random' | 'hot',
 *           customers: [{ token, debtorIds: [id] }], creditorIds: [id],
 *           hotAccountId, tooLargeRate, timeoutMs (default 30 s),
 *           retryAfter (default true) }
 *
 * Up to 256 connections and more (the stress ramp): the agent keeps exactly
 * `connections` sockets (maxSockets and maxFreeSockets, so no request waits
 * for a socket and none is closed between requests), and the result states
 * the driver's own CPU use and event-loop delay, so a run where the driver
 * itself was the limit shows as one. Refusals are counted by status and
 * problem `code` (429, 503, other 5xx, network errors apart). A
 * connection refused with 429 or 503 waits as long as the answer's
 * Retry-After says (at most 1 s, not past the end of the run) before its
 * next request, as a well-behaved client does; `retryAfter: false` sends
 * the next one at once (a client that ignores it).
 */
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { percentile } from './lib.mjs'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const url = new URL('/api/v1/transfers', config.baseUrl)
const agent = new http.Agent({ keepAlive: true, maxSockets: config.connections, maxFreeSockets: config.connections, scheduling: 'fifo' })
const TIMEOUT_MS = config.timeoutMs ?? 30_000
const MAX_BACKOFF_MS = 1000
let backoffs = 0
const pick = (list) => list[Math.floor(Math.random() * list.length)]

const latencies = [] // ms, successful transfers
const statuses = {}
const problemCodes = {}
const samples = {} // first error body per code
/* Refusals by class ('429', '503', '5xx', '4xx', 'network'), then by problem code or errno */
const errorClasses = {}
const countError = (klass, code) => {
  errorClasses[klass] ??= {}
  errorClasses[klass][code] = (errorClasses[klass][code] ?? 0) + 1
}
const errorLatencies = [] // ms, non-201 answers (how fast a refusal comes back)
let deliberate = 0
let deliberateRejected = 0
let networkErrors = 0

function nextTransfer() {
  const customer = pick(config.customers)
  const debtorAccountId = pick(customer.debtorIds)
  let creditorId = config.scenario === 'hot' ? config.hotAccountId : pick(config.creditorIds)
  while (creditorId === debtorAccountId) creditorId = pick(config.creditorIds)
  const tooLarge = Math.random() < config.tooLargeRate
  /*
   * 0.01 to 1.00 GBP as a decimal string built from integer pence; 10 million when deliberate.
   * The ordinary payment path: within the low-value exemption (30.00), so no payment needs
   * dynamic linking, and far below the default daily limit (10,000.00 per customer); the
   * deliberate 10 million is refused as E_INSUFFICIENT_FUNDS before the limits are checked.
   */
  const pence = 1 + Math.floor(Math.random() * 100)
  const amount = tooLarge ? '10000000.00' : `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`
  return {
    token: customer.token,
    tooLarge,
    body: JSON.stringify({
      debtorAccountId,
      creditor: { accountId: creditorId },
      amount: { amount, currency: 'GBP' },
      reference: tooLarge ? 'bench: deliberately too large' : 'bench',
    }),
  }
}

function send(transfer) {
  return new Promise((resolveOnce) => {
    let settled = false
    const resolve = () => {
      if (!settled) resolveOnce((settled = true))
    }
    /* A socket that dies mid-answer: counted once, as a network error */
    const failed = (error) => {
      if (settled) return
      networkErrors++
      countError('network', error.code ?? error.message)
      samples[error.code ?? 'network'] ??= error.message
      resolve()
    }
    const started = process.hrtime.bigint()
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'accept': 'application/json',
          'authorization': `Bearer ${transfer.token}`,
          'idempotency-key': randomUUID(),
          'content-length': Buffer.byteLength(transfer.body),
        },
      },
      (response) => {
        const chunks = []
        response.on('error', failed)
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => {
          if (settled) return
          const ms = Number(process.hrtime.bigint() - started) / 1e6
          const status = response.statusCode
          statuses[status] = (statuses[status] ?? 0) + 1
          if (status === 201) latencies.push(ms)
          else {
            let code = `HTTP_${status}`
            const text = Buffer.concat(chunks).toString()
            try {
              code = JSON.parse(text).code ?? code
            } catch {}
            samples[code] ??= text.slice(0, 500)
            problemCodes[code] = (problemCodes[code] ?? 0) + 1
            errorLatencies.push(ms)
            if (code !== 'E_INSUFFICIENT_FUNDS') {
              countError(status === 429 || status === 503 ? String(status) : status >= 500 ? '5xx' : '4xx', code)
            }
            if (transfer.tooLarge && code === 'E_INSUFFICIENT_FUNDS') deliberateRejected++
          }
          if (transfer.tooLarge) deliberate++
          if ((status === 429 || status === 503) && config.retryAfter !== false) {
            const seconds = Number(response.headers['retry-after'])
            const wait = Math.min(Number.isFinite(seconds) ? seconds * 1000 : MAX_BACKOFF_MS, MAX_BACKOFF_MS, Math.max(0, deadline - Date.now()))
            backoffs++
            return void setTimeout(resolve, wait)
          }
          resolve()
        })
      }
    )
    /* No answer within TIMEOUT_MS counts as a network error (ETIMEDOUT), like a reset or a refused connection */
    request.setTimeout(TIMEOUT_MS, () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
    request.on('error', failed)
    request.end(transfer.body)
  })
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()
const cpuBefore = process.cpuUsage()
const started = Date.now()
const deadline = started + config.seconds * 1000
async function connection() {
  while (Date.now() < deadline) await send(nextTransfer())
}
await Promise.all(Array.from({ length: config.connections }, connection))
const seconds = (Date.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
loopDelay.disable()
agent.destroy()

latencies.sort((a, b) => a - b)
errorLatencies.sort((a, b) => a - b)
const total = Object.values(statuses).reduce((a, b) => a + b, 0)
const insufficient = problemCodes.E_INSUFFICIENT_FUNDS ?? 0
const unexpected = total - (statuses[201] ?? 0) - insufficient + networkErrors
process.stdout.write(
  JSON.stringify({
    scenario: config.scenario,
    connections: config.connections,
    seconds,
    requests: total,
    transfers: statuses[201] ?? 0,
    tps: (statuses[201] ?? 0) / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
    problemCodes,
    samples,
    deliberateTooLarge: deliberate,
    deliberateRejected,
    /* Ordinary transfers refused because the debtor ran dry: correct, but not deliberate */
    otherInsufficient: insufficient - deliberateRejected,
    networkErrors,
    unexpectedErrors: unexpected,
    errorClasses,
    /* Refusals after which the connection waited for Retry-After */
    backoffs,
    errorP50: percentile(errorLatencies, 50),
    errorP99: percentile(errorLatencies, 99),
    /* The driver itself: CPU (1 = one core busy) and event-loop delay; near 1 core or a p99 delay of tens of ms, the driver was the limit */
    driver: {
      cpu: (cpu.user + cpu.system) / 1e6 / seconds,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      sockets: config.connections,
    },
  }) + '\n'
)
