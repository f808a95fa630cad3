import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import queueConfig, { QUEUE_NAMES, QUEUES, deadLetterOf } from '#config/queue'
import jobQueue from '#services/queue/job_queue'

/**
 * The job queue's schema is installed by migration 0610 and never by the
 * processes (migrate: false; the runtime role owns nothing): after a
 * pg-boss upgrade this fails until a migration brings the schema to the
 * version the package expects.
 */
test.group('Job queue schema (pg-boss)', () => {
  test('the installed schema is the one this pg-boss version expects, without drift', async ({ assert }) => {
    const boss = await jobQueue.boss()
    const report = await boss.detectSchemaDrift()
    assert.isTrue(report.ok, JSON.stringify(report, null, 2))
    assert.isNumber(await boss.schemaVersion())
  })

  test('every queue exists with its retry policy and its dead-letter queue', async ({ assert }) => {
    const boss = await jobQueue.boss()
    for (const name of QUEUE_NAMES) {
      const queue = await boss.getQueue(name)
      assert.isNotNull(queue, name)
      assert.equal(queue!.deadLetter, deadLetterOf(name))
      assert.equal(queue!.retryLimit, QUEUES[name].policy.retryLimit)
      assert.isTrue(queue!.retryBackoff)
      assert.isNotNull(await boss.getQueue(deadLetterOf(name)), deadLetterOf(name))
    }
  })

  test('the runtime role may use the queue but owns nothing there', async ({ assert }) => {
    const { rows } = await db.rawQuery(
      `select count(*)::int as owned from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ? and c.relowner = (select oid from pg_roles where rolname = current_user)`,
      [queueConfig.schema]
    )
    assert.equal(rows[0].owned, 0)
  })
})
