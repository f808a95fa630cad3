/**
 * The clients of `npm run chaos`: N concurrent loops posting transfers to
 * POST /api/v1/transfers, each with a fresh Idempotency-Key. An answer
 * that does not decide the outcome (network error, 5xx, 409 in flight,
 * 429) is retried with the SAME key and body until a definite one: 201
 * (acknowledged, maybe a replay) or a 4xx rejection.
 *
 * Mix: most transfers are 0.01-1.00 between random accounts; a share comes
 * from a few "tight" debtors with 20.00-29.99, so those run dry and
 * E_INSUFFICIENT_FUNDS is exercised at the edge of the balance. Amounts stay
 * within the low-value exemption of dynamic linking (30.00).
 */
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { sleep } from './lib.mjs'

/** Rejections the mix may legitimately get; any other is a violation */
export const EXPECTED_REJECTIONS = new Set(['E_INSUFFICIENT_FUNDS', 'E_LIMIT_EXCEEDED'])

export class ChaosClients {
  /**
   * @param {object} o
   * @param {string} o.baseUrl
   * @param {number} o.clients
   * @param {Array<{ token: string, customerId: number, debtorIds: number[] }>} o.payers
   * @param {Array<{ token: string, customerId: number, debtorIds: number[] }>} o.tightPayers
   * @param {number[]} o.creditorIds
   * @param {number} o.tightRate share of transfers from tight payers (0..1)
   */
  constructor(o) {
    this.o = o
    this.url = new URL('/api/v1/transfers', o.baseUrl)
    this.agent = new http.Agent({ keepAlive: true, maxSockets: o.clients })
    this.stopping = false
    this.acked = [] // { scope, key, id, debtor, creditor, minor, replayed }
    this.unresolved = [] // transfers still unknown when given up
    this.stats = {
      attempts: 0,
      retries: 0,
      unknownOutcomes: 0, // transfers that got at least one undecided answer
      unknownResolved: 0, // ... and then a definite one
      replayedAcks: 0, // 201 Idempotent-Replayed: an earlier attempt had committed
      undecidedAnswers: {}, // by kind: NETWORK_ECONNREFUSED, 503 E_DATABASE_UNAVAILABLE, 409 ...
      rejections: {}, // definite 4xx by code
      statuses: {},
    }
    this.violations = {} // message -> count
    this.samples = {}
    /** Set by the orchestrator while PostgreSQL is down: every answer is checked */
    this.outage = null
  }

  start() {
    this.startedAt = Date.now()
    this.loops = Array.from({ length: this.o.clients }, () => this.#loop())
  }

  /** Stops taking new transfers; the ones in progress are driven to a definite answer (until giveUpAt) */
  async stop(giveUpAt) {
    this.stopping = true
    this.giveUpAt = giveUpAt
    await Promise.all(this.loops)
    this.stoppedAt = Date.now()
    this.agent.destroy()
  }

  async #loop() {
    while (!this.stopping) await this.#settle(this.#next())
  }

  #next() {
    const tight = this.o.tightPayers.length > 0 && Math.random() < this.o.tightRate
    const payer = pick(tight ? this.o.tightPayers : this.o.payers)
    const debtor = pick(payer.debtorIds)
    let creditor = pick(this.o.creditorIds)
    while (creditor === debtor) creditor = pick(this.o.creditorIds)
    const minor = tight ? 2000 + Math.floor(Math.random() * 1000) : 1 + Math.floor(Math.random() * 100)
    const body = JSON.stringify({
      debtorAccountId: String(debtor),
      creditor: { accountId: String(creditor) },
      amount: { amount: `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`, currency: 'GBP' },
      reference: 'chaos',
    })
    return { scope: `customer:${payer.customerId}`, key: randomUUID(), token: payer.token, debtor, creditor, minor, body }
  }

  /** Posts one transfer until its outcome is known */
  async #settle(t) {
    let undecided = false
    for (let attempt = 1; ; attempt++) {
      const answer = await this.#send(t)
      this.stats.attempts++
      if (attempt > 1) this.stats.retries++
      if (answer.status === 201) {
        const replayed = answer.headers['idempotent-replayed'] === 'true'
        if (replayed) this.stats.replayedAcks++
        if (undecided) this.stats.unknownResolved++
        this.acked.push({ scope: t.scope, key: t.key, id: String(answer.body?.data?.id), debtor: t.debtor, creditor: t.creditor, minor: t.minor, replayed })
        return
      }
      const code = answer.body?.code ?? (answer.status ? `HTTP_${answer.status}` : `NETWORK_${answer.error}`)
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429) {
        this.stats.rejections[code] = (this.stats.rejections[code] ?? 0) + 1
        if (undecided) this.stats.unknownResolved++
        if (!EXPECTED_REJECTIONS.has(code)) this.#violation(`unexpected rejection ${answer.status} ${code}`, answer.text)
        return
      }
      /* Undecided: network error, 5xx, 409 in flight, 429 */
      const kind = answer.status ? `${answer.status} ${code}` : code
      this.stats.undecidedAnswers[kind] = (this.stats.undecidedAnswers[kind] ?? 0) + 1
      if (answer.status >= 500 && answer.status !== 503) this.#violation(`${kind} answered (a 5xx other than 503)`, answer.text)
      if (!undecided) {
        undecided = true
        this.stats.unknownOutcomes++
      }
      if (this.stopping && Date.now() > this.giveUpAt) {
        this.unresolved.push(t)
        return
      }
      const retryAfter = Number(answer.headers?.['retry-after'] ?? 0) * 1000
      const backoff = Math.min(1000, 25 * 2 ** Math.min(attempt, 6))
      await sleep(Math.min(retryAfter || backoff, 1000) * (0.5 + Math.random() / 2))
    }
  }

  #send(t) {
    return new Promise((resolve) => {
      const sent = Date.now()
      const outage = this.outage
      const request = http.request(this.url, {
        method: 'POST',
        agent: this.agent,
        timeout: 30_000,
        headers: {
          'content-type': 'application/json',
          'accept': 'application/json',
          'authorization': `Bearer ${t.token}`,
          'idempotency-key': t.key,
          'content-length': Buffer.byteLength(t.body),
        },
      }, (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('error', () => resolve({ error: 'RESPONSE_ABORTED' }))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          let body = null
          try {
            body = JSON.parse(text)
          } catch {}
          const answer = { status: response.statusCode, headers: response.headers, body, text }
          this.stats.statuses[answer.status] = (this.stats.statuses[answer.status] ?? 0) + 1
          if (outage && outage === this.outage) outage.record(answer, Date.now() - sent)
          resolve(answer)
        })
      })
      request.on('timeout', () => request.destroy(Object.assign(new Error('client timeout'), { code: 'TIMEOUT' })))
      request.on('error', (error) => resolve({ error: error.code ?? 'ERROR' }))
      request.end(t.body)
    })
  }

  #violation(message, sample) {
    this.violations[message] = (this.violations[message] ?? 0) + 1
    this.samples[message] ??= String(sample ?? '').slice(0, 400)
  }
}

/** Answers seen while PostgreSQL is down: all must be quick 503 problem+json */
export class OutageRecorder {
  constructor(maxMs) {
    this.limitMs = maxMs
  }


  answers = 0
  ok503 = 0
  maxMs = 0
  readyProbes = 0
  readyFailed = 0
  readyMaxMs = 0
  bad = {}

  record(answer, ms) {
    this.answers++
    this.maxMs = Math.max(this.maxMs, ms)
    const type = String(answer.headers['content-type'] ?? '')
    const good = answer.status === 503 && type.startsWith('application/problem+json') &&
      answer.body?.code === 'E_DATABASE_UNAVAILABLE' && Number(answer.headers['retry-after']) > 0
    if (good) this.ok503++
    else this.#bad(`${answer.status} ${answer.body?.code ?? type}${answer.headers['retry-after'] ? '' : ' (no Retry-After)'}`)
    if (ms > this.limitMs) this.#bad(`an answer took ${ms} ms`)
  }

  ready(answer, ms) {
    this.readyProbes++
    this.readyMaxMs = Math.max(this.readyMaxMs, ms)
    if (answer.status === 503) this.readyFailed++
    else this.#bad(`/health/ready answered ${answer.status ?? answer.error}`)
    if (ms > this.limitMs) this.#bad(`/health/ready took ${ms} ms`)
  }

  #bad(what) {
    this.bad[what] = (this.bad[what] ?? 0) + 1
  }

  problems() {
    const list = Object.entries(this.bad).map(([what, n]) => `${what} (${n}×)`)
    if (this.answers === 0) list.push('no transfer was answered while PostgreSQL was down')
    return list
  }

  summary() {
    return `${this.ok503}/${this.answers} transfer answers 503 E_DATABASE_UNAVAILABLE (slowest ${this.maxMs} ms), ` +
      `/health/ready 503 ${this.readyFailed}/${this.readyProbes} (slowest ${this.readyMaxMs} ms)`
  }
}

const pick = (list) => list[Math.floor(Math.random() * list.length)]
