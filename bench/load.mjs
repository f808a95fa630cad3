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
 *           hotAccountId, tooLargeRate }
 */
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { percentile } from './lib.mjs'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const url = new URL('/api/v1/transfers', config.baseUrl)
const agent = new http.Agent({ keepAlive: true, maxSockets: config.connections })
const pick = (list) => list[Math.floor(Math.random() * list.length)]

const latencies = [] // ms, successful transfers
const statuses = {}
const problemCodes = {}
const samples = {} // first error body per code
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
  return new Promise((resolve) => {
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
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => {
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
            if (transfer.tooLarge && code === 'E_INSUFFICIENT_FUNDS') deliberateRejected++
          }
          if (transfer.tooLarge) deliberate++
          resolve()
        })
      }
    )
    request.on('error', () => {
      networkErrors++
      resolve()
    })
    request.end(transfer.body)
  })
}

const started = Date.now()
const deadline = started + config.seconds * 1000
async function connection() {
  while (Date.now() < deadline) await send(nextTransfer())
}
await Promise.all(Array.from({ length: config.connections }, connection))
const seconds = (Date.now() - started) / 1000
agent.destroy()

latencies.sort((a, b) => a - b)
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
  }) + '\n'
)
