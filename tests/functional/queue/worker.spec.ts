import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import queueConfig, { QUEUES } from '#config/queue'
import PostDeposit from '#actions/ledger/post_deposit'
import { Money } from '#domain/money/money'
import jobQueue from '#services/queue/job_queue'
import { createCustomer, key, openAccount, teller } from '#tests/helpers/ledger'
import { eventually, startWorker, type WorkerProcess } from '#tests/helpers/queue_worker'

const QUEUES_WORKED = ['ledger.posted', 'notifications.dispatch'] as const
const DEPOSITS = 300

async function notificationsOf(customerId: number) {
  return db.from('notifications').where('customer_id', customerId).select('dedupe_key')
}

async function jobStates(keys: string[]) {
  const { rows } = await db.rawQuery(
    `select state, count(*)::int as n from ${queueConfig.schema}.job
      where name = 'ledger.posted' and data->>'key' = any(?) group by state`,
    [keys]
  )
  return Object.fromEntries(rows.map((row: any) => [row.state, row.n])) as Record<string, number>
}

/** Jobs of earlier tests would be worked first: the queues start empty, and a killed job expires in 2 s */
async function prepareQueues(expireInSeconds: number) {
  const boss = await jobQueue.boss()
  await db.rawQuery(`delete from ${queueConfig.schema}.job where name = any(?) and state in ('created', 'retry', 'active')`, [
    [...QUEUES_WORKED],
  ])
  for (const queue of QUEUES_WORKED) await boss.updateQueue(queue, { expireInSeconds })
}

test.group('queue:work (the worker process)', (group) => {
  let workers: WorkerProcess[] = []
  group.each.teardown(async () => {
    await Promise.all(workers.map((worker) => worker.kill()))
    workers = []
    const boss = await jobQueue.boss()
    for (const queue of QUEUES_WORKED) await boss.updateQueue(queue, { expireInSeconds: QUEUES[queue].policy.expireInSeconds })
  })

  test('killed mid-batch and restarted, it delivers every committed notice exactly once', async ({ assert }) => {
    await prepareQueues(2)
    const customerId = await createCustomer()
    const account = await openAccount(customerId)
    const keys: string[] = []
    const deposit = await app.container.make(PostDeposit)
    for (let i = 0; i < DEPOSITS; i++) {
      keys.push(key())
      await deposit.handle({ accountId: account.id, amount: Money.fromDecimal('1.00', 'GBP'), idempotencyKey: keys[i], actor: teller })
    }
    assert.equal((await jobStates(keys)).created, DEPOSITS)

    const env = { QUEUE_EXPIRE_SECONDS: '2', QUEUE_SUPERVISE_SECONDS: '1', QUEUE_POLL_SECONDS: '0.5' }
    const args = [`--queues=${QUEUES_WORKED.join(',')}`, '--concurrency=2']
    const first = await startWorker(args, env)
    workers.push(first)
    await eventually(async () => (await notificationsOf(customerId)).length > 0, 60, 'a first notification')
    await first.kill()
    const atKill = (await notificationsOf(customerId)).length
    const states = await jobStates(keys)
    assert.isBelow(atKill, DEPOSITS, 'killed before the batch was done')
    assert.isAbove((states.created ?? 0) + (states.active ?? 0) + (states.retry ?? 0), 0, 'jobs were left')

    workers.push(await startWorker(args, env))
    await eventually(async () => (await notificationsOf(customerId)).length === DEPOSITS, 90, `${DEPOSITS} notifications`)
    await eventually(async () => (await jobStates(keys)).completed === DEPOSITS, 60, 'every announcement completed')

    const notices = await notificationsOf(customerId)
    assert.lengthOf(notices, DEPOSITS)
    assert.equal(new Set(notices.map((row) => row.dedupe_key)).size, DEPOSITS)
    const events = await db.from('notifications').where('customer_id', customerId).distinct('event')
    assert.deepEqual(events, [{ event: 'money_received' }])
  }).timeout(240_000)

  test('SIGTERM lets it stop cleanly; unknown queues are refused', async ({ assert }) => {
    const worker = await startWorker(['--queues=maintenance.prune'])
    workers.push(worker)
    await worker.stop()
    assert.include(worker.output(), 'finishing running jobs')
    await assert.rejects(() => startWorker(['--queues=no.such.queue']), /Unknown queue/)
  }).timeout(120_000)
})
