import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import queueConfig from '#config/queue'
import PostDeposit from '#actions/ledger/post_deposit'
import { Money } from '#domain/money/money'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { createApiCustomer, tokenFor } from '#tests/helpers/api'
import { startAppInstance } from '#tests/helpers/app_instance'
import { productionEnv } from '#tests/helpers/haproxy'
import { createCustomer, key, openAccount, teller } from '#tests/helpers/ledger'
import { eventually, startWorker, type WorkerProcess } from '#tests/helpers/queue_worker'

/**
 * Graceful shutdown (bin/server.ts, app/services/http/graceful_shutdown.ts,
 * commands/queue_work.ts) of real processes under load: SIGTERM in the
 * middle of it must lose nothing that was accepted.
 */

const LOOPS = 8
const BOUND_SECONDS = 10

/** bin/server.ts in production mode on a free port */
function startWebProcess(env: Record<string, string>) {
  return startAppInstance({ ...productionEnv(), LOG_LEVEL: 'warn', ...env })
}

/** The error code under a failed fetch (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET …) */
function errorCode(error: any): string {
  return String(error?.cause?.code ?? error?.code ?? error?.cause?.message ?? error?.message)
}

test.group('Graceful shutdown: the web process', () => {
  test('SIGTERM under load: readiness 503, every accepted request answered, exit 0, every 201 in the ledger', async ({ assert }) => {
    const payer = await createApiCustomer()
    const payee = await createApiCustomer()
    const from = await openAccount(payer.id, { fund: '100000.00' })
    const to = await openAccount(payee.id)
    const token = await tokenFor(payer.id)
    const web = await startWebProcess({
      SHUTDOWN_TIMEOUT_SECONDS: String(BOUND_SECONDS),
      SHUTDOWN_DELAY_SECONDS: '2',
      API_RATE_LIMIT_PER_MINUTE: '100000',
    })
    try {
      const answers: number[] = []
      const refused: string[] = []
      const reset: string[] = []
      const broken: string[] = []
      const booked = new Map<string, string>()
      let stop = false
      const loop = async () => {
        while (!stop) {
          const idempotencyKey = randomUUID()
          try {
            const response = await fetch(`${web.url}/api/v1/transfers`, {
              method: 'POST',
              headers: { 'Authorization': `Bearer ${token}`, 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' },
              body: JSON.stringify({
                debtorAccountId: String(from.id),
                creditor: { accountId: String(to.id) },
                amount: { amount: '0.01', currency: 'GBP' },
                reference: 'Shutdown load',
              }),
            })
            const body = (await response.json()) as any
            answers.push(response.status)
            if (response.status === 201) booked.set(idempotencyKey, body.data.id)
          } catch (error) {
            /*
             * Refused: the listener had closed. Reset: the connection was still in
             * the kernel's accept queue when the listener closed (the process never
             * saw it; checked below by its idempotency key). Both are safe to retry
             * elsewhere; anything else would be an accepted request that failed.
             */
            if (errorCode(error) === 'ECONNREFUSED' || errorCode(error) === 'ECONNRESET') {
              ;(errorCode(error) === 'ECONNREFUSED' ? refused : reset).push(idempotencyKey)
              return
            }
            broken.push(`${errorCode(error)}: ${(error as Error).message}`)
            return
          }
        }
      }
      const loops = Array.from({ length: LOOPS }, loop)
      await eventually(async () => answers.filter((status) => status === 201).length >= 40, 60, '40 transfers before SIGTERM')

      const signalled = Date.now()
      web.signal('SIGTERM')
      /* while draining (SHUTDOWN_DELAY_SECONDS) the instance still answers, and says it is not ready */
      let ready = { status: 0, code: '' }
      for (let i = 0; i < 40 && ready.status !== 503; i++) {
        const response = await fetch(`${web.url}/health/ready`)
        ready = { status: response.status, code: ((await response.json()) as any).code }
        if (ready.status !== 503) await sleep(50)
      }
      assert.deepEqual(ready, { status: 503, code: 'E_NOT_READY' })

      const [code, signal] = await Promise.race([
        web.exited,
        sleep((BOUND_SECONDS + 15) * 1000).then(() => [null, 'timeout'] as const),
      ])
      const tookMs = Date.now() - signalled
      stop = true
      await Promise.all(loops)

      assert.deepEqual(broken, [], 'no accepted request failed')
      assert.deepEqual([code, signal], [0, null], web.output())
      assert.isBelow(tookMs, (BOUND_SECONDS + 5) * 1000)
      assert.isAbove(refused.length + reset.length, 0, 'the listener closed under load')
      const seen = await db.from('idempotency_keys').whereIn('key', [...refused, ...reset]).select('key')
      assert.deepEqual(seen, [], 'a request without an answer never reached the application')
      assert.deepEqual([...new Set(answers)].filter((status) => status >= 500), [], 'no 5xx')
      assert.isTrue(answers.every((status) => status === 201), `only bookings: ${[...new Set(answers)]}`)

      /* every 201 is in the ledger, once; nothing else was booked (the payee received only from this test) */
      const payeeAccount = await db.from('accounts').where('id', to.id).firstOrFail()
      assert.equal(Number(payeeAccount.balance), booked.size)
      assert.equal(new Set(booked.values()).size, booked.size)
      const report = await (await app.container.make(LedgerVerifier)).verify()
      assert.deepEqual(report.discrepancies, [])
    } finally {
      await web.stop()
    }
  }).timeout(120_000)
})

const WORKED = ['ledger.posted', 'notifications.dispatch'] as const
const DEPOSITS = 60
const WORKER_GRACE = 3

async function jobStates(keys: string[]) {
  const { rows } = await db.rawQuery(
    `select state, count(*)::int as n from ${queueConfig.schema}.job
      where name = 'ledger.posted' and data->>'key' = any(?) group by state`,
    [keys]
  )
  return Object.fromEntries(rows.map((row: any) => [row.state, row.n])) as Record<string, number>
}

test.group('Graceful shutdown: the queue worker', (group) => {
  let workers: WorkerProcess[] = []
  group.each.teardown(async () => {
    await Promise.all(workers.map((worker) => worker.kill()))
    workers = []
  })

  test('SIGTERM mid-batch: exits 0 within the bound, running jobs go back to the queue, a new worker completes all', async ({ assert }) => {
    /* jobs of other tests would be worked first */
    await db.rawQuery(`delete from ${queueConfig.schema}.job where name = any(?) and state in ('created', 'retry', 'active')`, [[...WORKED]])
    const customerId = await createCustomer()
    const account = await openAccount(customerId)
    const keys: string[] = []
    const deposit = await app.container.make(PostDeposit)
    for (let i = 0; i < DEPOSITS; i++) {
      keys.push(key())
      await deposit.handle({ accountId: account.id, amount: Money.fromDecimal('1.00', 'GBP'), idempotencyKey: keys[i], actor: teller })
    }
    const notices = async () => (await db.from('notifications').where('customer_id', customerId).count('* as n'))[0].n
    const args = [`--queues=${WORKED.join(',')}`, '--concurrency=2', `--grace=${WORKER_GRACE}`]
    const env = { QUEUE_POLL_SECONDS: '0.5', SHUTDOWN_TIMEOUT_SECONDS: '60' }
    /* slow jobs: the notifications table is locked, so every handler waits on it, past the grace */
    const blocker = await db.transaction()
    let first: WorkerProcess | undefined
    try {
      await blocker.rawQuery('lock table notifications in exclusive mode')
      first = await startWorker(args, env)
      workers.push(first)
      await eventually(async () => ((await jobStates(keys)).active ?? 0) > 0, 30, 'jobs running against the lock')
      const signalled = Date.now()
      await first.stop()
      const tookMs = Date.now() - signalled
      assert.include(first.output(), `finishing running jobs (up to ${WORKER_GRACE} s)`)
      assert.isBelow(tookMs, (WORKER_GRACE + 8) * 1000, first.output())
      assert.equal(first.exitCode(), 0, first.output())
    } finally {
      await blocker.rollback()
    }

    /* nothing left active under a dead worker: each job is done, waiting, or back for a retry */
    const states = await jobStates(keys)
    assert.equal(states.active ?? 0, 0, JSON.stringify(states))
    assert.isAbove((states.retry ?? 0) + (states.created ?? 0), 0, JSON.stringify(states))
    assert.isBelow(states.completed ?? 0, DEPOSITS)

    workers.push(await startWorker(args, env))
    await eventually(async () => (await jobStates(keys)).completed === DEPOSITS, 90, 'every announcement completed')
    await eventually(async () => Number(await notices()) === DEPOSITS, 60, `${DEPOSITS} notifications`)
    const rows = await db.from('notifications').where('customer_id', customerId).select('dedupe_key')
    assert.lengthOf(rows, DEPOSITS)
    assert.equal(new Set(rows.map((row) => row.dedupe_key)).size, DEPOSITS)
  }).timeout(180_000)
})
