import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { createApiCustomer, tokenFor } from '#tests/helpers/api'
import { startAppInstance, type AppInstance } from '#tests/helpers/app_instance'
import { openAccount } from '#tests/helpers/ledger'
import { eventually } from '#tests/helpers/queue_worker'
import { metricValue } from './metrics_text.js'

/**
 * Overload protection (app/middleware/overload_middleware.ts) of a real web
 * process, overloaded for real: transfers whose debtor account row this
 * test holds locked (SELECT … FOR UPDATE) stay in flight until the lock
 * goes, as slow requests under load would.
 */

const METRICS_TOKEN = `metrics-${randomUUID()}`

interface Answer {
  status: number
  contentType: string
  retryAfter: string | null
  requestId: string | null
  body: any
}

/** A request that fails the test within 15 s instead of hanging on a lock it should never have reached */
async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000), ...init })
  const text = await response.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {}
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    requestId: response.headers.get('x-request-id'),
    body,
  }
}

async function fixture() {
  const payer = await createApiCustomer()
  const payee = await createApiCustomer()
  const from = await openAccount(payer.id, { fund: '100.00' })
  const to = await openAccount(payee.id)
  const token = await tokenFor(payer.id)
  const transfer = (instance: AppInstance, key = randomUUID()) =>
    call(`${instance.url}/api/v1/transfers`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${token}`, 'Idempotency-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        debtorAccountId: String(from.id),
        creditor: { accountId: String(to.id) },
        amount: { amount: '0.01', currency: 'GBP' },
        reference: 'Overload',
      }),
    })
  const accounts = (instance: AppInstance) => call(`${instance.url}/api/v1/accounts`, { headers: { Authorization: `Bearer ${token}` } })
  return { from, to, transfer, accounts }
}

/** Holds the row lock every transfer from `accountId` needs, until released */
async function lockAccount(accountId: number): Promise<TransactionClientContract> {
  const trx = await db.transaction()
  await trx.rawQuery('select id from accounts where id = ? for update', [accountId])
  return trx
}

/** Sessions of this database waiting on a lock (the held transfers) */
async function lockWaiters(): Promise<number> {
  const { rows } = await db.rawQuery(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`
  )
  return rows[0].n
}

test.group('Overload protection: a web process at HTTP_MAX_IN_FLIGHT', (group) => {
  let instance: AppInstance | undefined
  group.setup(async () => {
    instance = await startAppInstance({
      HTTP_MAX_IN_FLIGHT: '2',
      API_RATE_LIMIT_PER_MINUTE: '100000',
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      /* one session per held transfer, so the test can see both waiting */
      LEDGER_BATCHING: 'off',
    })
    return () => instance?.stop()
  })

  test('refuses the excess with 503 E_OVERLOADED and Retry-After, stays observable, books nothing refused, and recovers', async ({ assert }) => {
    const web = instance!
    const { from, to, transfer, accounts } = await fixture()
    assert.equal((await accounts(web)).status, 200, 'not overloaded at rest')

    const lock = await lockAccount(from.id)
    let held: Promise<Answer[]>
    const refusedKey = randomUUID()
    let refused: Answer
    try {
      held = Promise.all([transfer(web), transfer(web)])
      await eventually(async () => (await lockWaiters()) >= 2, 20, 'two transfers waiting on the lock')

      /* a third request of any kind is refused at once, before routing or authentication */
      const started = performance.now()
      refused = await transfer(web, refusedKey)
      assert.isBelow(performance.now() - started, 3000, 'refused at once, not queued behind the lock')
      assert.equal(refused.status, 503, JSON.stringify(refused.body))
      assert.match(refused.contentType, /^application\/problem\+json/)
      assert.equal(refused.body.code, 'E_OVERLOADED')
      assert.equal(refused.body.status, 503)
      assert.equal(refused.body.type, 'https://strongroom.dev/problems/overloaded')
      assert.isString(refused.body.title)
      assert.isString(refused.body.detail)
      assert.isAbove(Number(refused.retryAfter), 0)
      assert.isString(refused.requestId)
      assert.equal(refused.body.requestId, refused.requestId)

      const read = await accounts(web)
      assert.equal(read.status, 503)
      assert.equal(read.body.code, 'E_OVERLOADED')

      /* the backoffice is refused too: a short plain page for a browser */
      const page = await call(`${web.url}/backoffice/login`, { headers: { Accept: 'text/html' } })
      assert.equal(page.status, 503)
      assert.match(page.contentType, /^text\/plain/)
      assert.include(page.body, '503 Service Unavailable')
      assert.isAbove(Number(page.retryAfter), 0)

      /* probes and scrapes still answer, and the refusals are counted */
      assert.equal((await call(`${web.url}/health/live`)).status, 200)
      assert.equal((await call(`${web.url}/health/ready`)).status, 200)
      const scrape = await call(`${web.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
      assert.equal(scrape.status, 200)
      assert.isAtLeast(metricValue(scrape.body, 'strongroom_http_requests_shed_total', { reason: 'in_flight' }) ?? 0, 3)
    } finally {
      await lock.rollback()
    }

    /* the held transfers were admitted: they complete once the lock goes */
    const answers = await held!
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [201, 201],
      JSON.stringify(answers.map((answer) => answer.body))
    )

    /* recovery: the process admits again */
    assert.equal((await transfer(web)).status, 201)
    assert.equal((await accounts(web)).status, 200)
    assert.equal((await call(`${web.url}/backoffice/login`, { headers: { Accept: 'text/html' } })).status, 200)

    /* the refused transfer left no trace: no idempotency record, and it was not booked */
    assert.lengthOf(await db.from('idempotency_keys').where('key', refusedKey).select('key'), 0)
    const payee = await db.from('accounts').where('id', to.id).firstOrFail()
    assert.equal(String(payee.balance), '3', 'three transfers of 0.01 booked: the two held and the one after')
    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
    assert.notInclude(web.output(), 'E_OVERLOADED', 'refusals are not logged as errors with a stack')
  }).timeout(90_000)
})

test.group('Overload protection: a process starved of CPU (HTTP_MAX_EVENT_LOOP_DELAY_MS)', (group) => {
  let instance: AppInstance | undefined
  group.setup(async () => {
    /* explicit: under NODE_ENV=test the event-loop check is off by default */
    instance = await startAppInstance({ HTTP_MAX_EVENT_LOOP_DELAY_MS: '500', METRICS_TOKEN, LOG_LEVEL: 'warn' })
    return () => instance?.stop()
  })

  test('refuses with 503 E_OVERLOADED right after the process could not run for 1.5 s, then recovers', async ({ assert }) => {
    const web = instance!
    const { accounts } = await fixture()
    assert.equal((await accounts(web)).status, 200, 'admitted at rest (and the sampler runs)')

    /* SIGSTOP: the process gets no CPU at all, as under a cgroup's CPU throttling; the request waits in its socket */
    web.signal('SIGSTOP')
    let pending: Promise<Answer>
    try {
      pending = accounts(web)
      await sleep(1500)
    } finally {
      web.signal('SIGCONT')
    }
    const refused = await pending!
    assert.equal(refused.status, 503, JSON.stringify(refused.body))
    assert.equal(refused.body.code, 'E_OVERLOADED')
    assert.isAbove(Number(refused.retryAfter), 0)
    assert.equal((await call(`${web.url}/health/live`)).status, 200)

    /* the stall is forgotten once a quiet window has passed */
    await eventually(async () => (await accounts(web)).status === 200, 5, 'admitted again')
    const scrape = await call(`${web.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    assert.isAtLeast(metricValue(scrape.body, 'strongroom_http_requests_shed_total', { reason: 'event_loop' }) ?? 0, 1)
    assert.equal(metricValue(scrape.body, 'strongroom_http_requests_shed_total', { reason: 'in_flight' }), 0)
  }).timeout(60_000)
})

test.group('Overload protection: the database pool saturated (DB_POOL_MAX=1)', (group) => {
  let instance: AppInstance | undefined
  group.setup(async () => {
    instance = await startAppInstance({
      DB_POOL_MAX: '1',
      DB_ACQUIRE_TIMEOUT_MS: '1000',
      API_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      LEDGER_BATCHING: 'off',
    })
    return () => instance?.stop()
  })

  test('a request that gets no pooled connection within DB_ACQUIRE_TIMEOUT_MS answers 503 with Retry-After, not 500, and the pool recovers', async ({ assert }) => {
    const web = instance!
    const { from, to, transfer, accounts } = await fixture()
    assert.equal((await accounts(web)).status, 200)

    const lock = await lockAccount(from.id)
    let held: Promise<Answer>
    try {
      /* the only pooled connection waits on the lock inside the transfer's transaction */
      held = transfer(web)
      await eventually(async () => (await lockWaiters()) >= 1, 20, 'the transfer waiting on the lock')

      const started = performance.now()
      const starved = await accounts(web)
      const tookMs = performance.now() - started
      assert.equal(starved.status, 503, JSON.stringify(starved.body))
      assert.match(starved.contentType, /^application\/problem\+json/)
      assert.equal(starved.body.code, 'E_DATABASE_UNAVAILABLE')
      assert.isAbove(Number(starved.retryAfter), 0)
      assert.equal(starved.body.requestId, starved.requestId)
      assert.isAbove(tookMs, 900, 'it waited for the acquire timeout')
      assert.isBelow(tookMs, 5000, 'and no longer')
      assert.equal((await call(`${web.url}/health/live`)).status, 200)
    } finally {
      await lock.rollback()
    }

    assert.equal((await held!).status, 201)
    assert.equal((await accounts(web)).status, 200)
    const payee = await db.from('accounts').where('id', to.id).firstOrFail()
    assert.equal(String(payee.balance), '1')
  }).timeout(90_000)
})
