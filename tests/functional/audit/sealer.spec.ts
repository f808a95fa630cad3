import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import AuditTrail from '#services/audit/audit_trail'
import AuditSealer, { AUDIT_SEALER_LOCK } from '#services/audit/audit_sealer'
import AuditSealLoop from '#services/audit/audit_seal_loop'
import AuditVerifier from '#services/audit/audit_verifier'
import { GENESIS_HASH } from '#domain/audit/block_hash'
import { chainRows, recordEvents, sealOf } from '#tests/helpers/audit'

test.group('Audit sealer', () => {
  test('seals committed rows into blocks chained from the genesis hash', async ({ assert }) => {
    const ids = await recordEvents(5)
    const result = await new AuditSealer().seal()
    assert.isFalse(result.skipped)
    assert.isAtLeast(result.events, 5)

    const blocks = new Set(await Promise.all(ids.map(sealOf)))
    assert.isFalse(blocks.has(null), 'every recorded row is sealed')
    const chain = await chainRows()
    assert.equal(chain[0].prev_hash, GENESIS_HASH)
    chain.forEach((block, i) => {
      assert.equal(block.block_hash, block.recomputed, `block ${block.id} hash`)
      if (i > 0) assert.equal(block.prev_hash, chain[i - 1].block_hash, `block ${block.id} link`)
    })
  })

  test('splits a large backlog into blocks of at most the block size, in id order', async ({ assert }) => {
    await new AuditSealer().seal()
    const ids = await recordEvents(7)
    const result = await new AuditSealer(3).seal()
    assert.deepEqual([result.blocks, result.events], [3, 7])
    const blocks = await Promise.all(ids.map(sealOf))
    assert.deepEqual(blocks.map((b) => b! - blocks[0]!), [0, 0, 0, 1, 1, 1, 2])
  })

  test('a lower id committed after higher ids were sealed goes into a later block', async ({ assert }) => {
    const slow = await db.transaction()
    const lowId = await AuditTrail.record({ actor: { type: 'system' }, action: 'test.slow_writer' }, slow)
    const [highId] = await recordEvents(1)
    assert.isAbove(highId, lowId)

    await new AuditSealer().seal()
    const highBlock = await sealOf(highId)
    assert.isNotNull(highBlock)
    assert.isNull(await sealOf(lowId))

    await new AuditSealer().seal()
    await slow.commit()
    const late = await new AuditSealer().seal()
    assert.isAtLeast(late.events, 1)
    assert.isAbove((await sealOf(lowId))!, highBlock!)
    assert.isTrue((await new AuditVerifier().verify()).ok)
  })

  test('a row rolled back by its writer is never sealed and leaves no hole in the chain', async ({ assert }) => {
    const trx = await db.transaction()
    const gone = await AuditTrail.record({ actor: { type: 'system' }, action: 'test.rolled_back' }, trx)
    await trx.rollback()
    const [kept] = await recordEvents(1)
    await new AuditSealer().seal()
    assert.isNull(await sealOf(gone))
    assert.isNotNull(await sealOf(kept))
  })

  test('a second sealer skips while another holds the lock, then the next run seals', async ({ assert }) => {
    const [id] = await recordEvents(1)
    const holder = await db.transaction()
    await holder.rawQuery('select pg_advisory_xact_lock(?)', [AUDIT_SEALER_LOCK])
    try {
      const skipped = await new AuditSealer().seal()
      assert.deepEqual(skipped, { skipped: true, blocks: 0, events: 0 })
      assert.isNull(await sealOf(id))
    } finally {
      await holder.rollback()
    }
    assert.isFalse((await new AuditSealer().seal()).skipped)
    assert.isNotNull(await sealOf(id))
  })

  test('concurrent sealers and writers seal every row exactly once on one linear chain', async ({ assert }) => {
    const before = await db.rawQuery('select count(*) as n from audit_blocks')
    const ids: number[] = []
    let writing = true
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; i < 25; i++) {
        await db.transaction(async (trx) => {
          ids.push(await AuditTrail.record({ actor: { type: 'system' }, action: 'test.concurrent', metadata: { w, i } }, trx))
          if (i % 5 === 0) await sleep(3)
        })
      }
    })
    const outcomes: { skipped: boolean; events: number }[] = []
    const sealers = Array.from({ length: 4 }, async () => {
      while (writing) outcomes.push(await new AuditSealer(20).seal())
    })
    await Promise.all(writers)
    writing = false
    await Promise.all(sealers)
    await new AuditSealer().seal()

    assert.lengthOf(ids, 150)
    const { rows } = await db.rawQuery(
      `select count(*) as n, count(distinct block_id) as blocks from audit_seals where event_id = any(?::bigint[])`,
      [`{${ids.join(',')}}`]
    )
    assert.equal(Number(rows[0].n), 150)
    assert.isAbove(outcomes.filter((o) => o.events > 0).length, 1, 'several sealing runs took part')
    const chain = await db.rawQuery('select count(*) as n, count(distinct prev_hash) as parents from audit_blocks')
    assert.equal(chain.rows[0].n, chain.rows[0].parents)
    assert.isAbove(Number(chain.rows[0].n), Number(before.rows[0].n))
    const report = await new AuditVerifier().verify()
    assert.deepEqual(report.breaks, [])
  }).timeout(60_000)

  test('after a restore into a cluster with lower transaction ids, new rows are still sealed', async ({ assert }) => {
    await new AuditSealer().seal()
    await db.rawQuery("update audit_seal_state set watermark = '900000000000'::xid8")
    const [id] = await recordEvents(1)
    await new AuditSealer().seal()
    assert.isNotNull(await sealOf(id))
    const { rows } = await db.rawQuery("select watermark < '900000000000'::xid8 as reset from audit_seal_state")
    assert.isTrue(rows[0].reset, 'the watermark restarts from the current cluster')
  })

  test('the chain cannot fork: a second block on the same parent is rejected', async ({ assert }) => {
    await recordEvents(1)
    await new AuditSealer().seal()
    const error = await db
      .rawQuery(
        `insert into audit_blocks (prev_hash, block_hash, first_event_id, last_event_id, event_count)
         select prev_hash, repeat('f', 64), first_event_id, last_event_id, event_count from audit_blocks order by id desc limit 1`
      )
      .catch((e) => e)
    assert.equal(error.code, '23505')
  })

  test('the interval loop seals new rows by itself and stop() waits for the run in progress', async ({ assert }) => {
    const loop = new AuditSealLoop(20, logger)
    loop.start()
    try {
      const [id] = await recordEvents(1)
      for (let i = 0; i < 100 && (await sealOf(id)) === null; i++) await sleep(20)
      assert.isNotNull(await sealOf(id))
    } finally {
      await loop.stop()
    }
    const [after] = await recordEvents(1)
    await sleep(100)
    assert.isNull(await sealOf(after), 'a stopped loop seals nothing')
  })
})
