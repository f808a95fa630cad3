import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import queueConfig from '#config/queue'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import { Money } from '#domain/money/money'
import jobQueue from '#services/queue/job_queue'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import { createCustomer, key, openAccount, teller } from '#tests/helpers/ledger'

const gbp = (v: string) => Money.fromDecimal(v, 'GBP')

async function jobsWhere(name: string, field: string, value: string) {
  const { rows } = await db.rawQuery(`select id, state, data from ${queueConfig.schema}.job where name = ? and data->>? = ?`, [
    name,
    field,
    value,
  ])
  return rows
}

test.group('Transactional outbox (pg-boss send inside the caller transaction)', () => {
  test('a rolled-back transaction enqueues nothing', async ({ assert }) => {
    const tag = randomUUID()
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await jobQueue.enqueue(trx, 'risk.score', { event: 'test.outbox', subjectId: tag })
        throw new Error('the change fails after the enqueue')
      })
    )
    assert.lengthOf(await jobsWhere('risk.score', 'subjectId', tag), 0)
  })

  test('a committed job is invisible before the commit and there exactly once after it', async ({ assert }) => {
    const tag = randomUUID()
    await db.transaction(async (trx) => {
      await jobQueue.enqueue(trx, 'risk.score', { event: 'test.outbox', subjectId: tag })
      assert.lengthOf(await jobsWhere('risk.score', 'subjectId', tag), 0, 'another connection sees nothing yet')
    })
    const jobs = await jobsWhere('risk.score', 'subjectId', tag)
    assert.lengthOf(jobs, 1)
    assert.equal(jobs[0].state, 'created')
  })

  test('pg-boss builds the job as one INSERT, so a posting and its announcement are one statement', async ({ assert }) => {
    const insert = await jobQueue.insertStatement('ledger.posted', { scope: 'staff:1', key: randomUUID() })
    assert.isNotNull(insert, 'pg-boss changed how send() builds a job: the postings fell back to a transaction each')
    assert.match(insert!.text, /^\s*INSERT INTO /i)
    assert.lengthOf(insert!.values, 1)
  })

  test('a posting enqueues its announcement in its own transaction; a refused one enqueues nothing', async ({ assert }) => {
    const account = await openAccount(await createCustomer())
    const depositKey = key()
    await (await app.container.make(PostDeposit)).handle({
      accountId: account.id,
      amount: gbp('50.00'),
      idempotencyKey: depositKey,
      actor: teller,
    })
    assert.lengthOf(await jobsWhere('ledger.posted', 'key', depositKey), 1)

    const refusedKey = key()
    await assert.rejects(
      async () =>
        (await app.container.make(PostWithdrawal)).handle({
          accountId: account.id,
          amount: gbp('80.00'),
          idempotencyKey: refusedKey,
          actor: teller,
        }),
      InsufficientFundsException as any
    )
    assert.lengthOf(await jobsWhere('ledger.posted', 'key', refusedKey), 0)
  })
})
