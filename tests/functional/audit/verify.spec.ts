import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import AuditSealer from '#services/audit/audit_sealer'
import AuditVerifier from '#services/audit/audit_verifier'
import { bypassingTrigger, owner, recordEvents, sealOf } from '#tests/helpers/audit'

/** `node ace audit:verify` as a child process: exit code and output */
async function verifyCommand() {
  return promisify(execFile)(process.execPath, ['ace', 'audit:verify'], { cwd: app.appRoot.pathname, env: process.env })
    .then(({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }))
    .catch((error) => ({ code: error.code as number, output: String(error.stdout) + String(error.stderr) }))
}

async function sealedEvent() {
  const [id] = await recordEvents(1, 'test.audit.verified')
  await new AuditSealer().seal()
  return { id, blockId: (await sealOf(id))! }
}

test.group('audit:verify', () => {
  test('passes on a clean chain and names the last verified block', async ({ assert }) => {
    const { blockId } = await sealedEvent()
    const [unsealed] = await recordEvents(1)
    const report = await new AuditVerifier().verify({ batchSize: 7 })
    assert.deepEqual(report.breaks, [])
    assert.isTrue(report.ok)
    assert.isAtLeast(report.unsealedRows, 1)
    const total = await db.rawQuery('select count(*) as n, max(id) as max from audit_events')
    assert.equal(report.rowsChecked, Number(total.rows[0].n))
    assert.equal(Number(total.rows[0].max), unsealed)
    assert.equal(report.sealedRows + report.unsealedRows, report.rowsChecked)
    assert.equal(report.lastVerifiedBlock!.id, blockId)

    const command = await verifyCommand()
    assert.equal(command.code, 0, command.output)
    assert.match(command.output, /Audit trail verified: \d+ rows checked, \d+ blocks checked/)
  }).timeout(60_000)

  test('fails naming the event when a row was changed behind the trigger', async ({ assert }) => {
    const { id } = await sealedEvent()
    await bypassingTrigger('audit_events', [`update audit_events set metadata = '{"i": 999}' where id = ?`, [id]])
    try {
      const report = await new AuditVerifier().verify()
      assert.isFalse(report.ok)
      assert.deepEqual(report.breaks.map((b) => [b.kind, b.eventId]), [['row_hash', id]])

      const command = await verifyCommand()
      assert.equal(command.code, 1)
      assert.include(command.output, `[row_hash] event ${id}: stored row_hash`)
      assert.include(command.output, 'Audit trail NOT verified: 1 breaks')
    } finally {
      await bypassingTrigger('audit_events', [`update audit_events set metadata = '{"i": 0}' where id = ?`, [id]])
    }
    assert.isTrue((await new AuditVerifier().verify()).ok)
  }).timeout(60_000)

  test('a row rewritten with a recomputed row_hash breaks the block that sealed it', async ({ assert }) => {
    const { id, blockId } = await sealedEvent()
    const forge = (metadata: string) =>
      bypassingTrigger(
        'audit_events',
        ['update audit_events set metadata = ?::jsonb where id = ?', [metadata, id]],
        ['update audit_events e set row_hash = audit_row_hash(e) where id = ?', [id]]
      )
    await forge('{"i": 1000}')
    try {
      const report = await new AuditVerifier().verify()
      assert.deepEqual(report.breaks.map((b) => [b.kind, b.blockId]), [['block_hash', blockId]])
      assert.isBelow(report.lastVerifiedBlock?.id ?? 0, blockId)
    } finally {
      await forge('{"i": 0}')
    }
    assert.isTrue((await new AuditVerifier().verify()).ok)
  })

  test('fails naming the block when a block hash was changed, and the next link', async ({ assert }) => {
    const { blockId } = await sealedEvent()
    await sealedEvent()
    const { rows } = await db.rawQuery('select block_hash from audit_blocks where id = ?', [blockId])
    const setHash = (hash: string) =>
      bypassingTrigger('audit_blocks', ['update audit_blocks set block_hash = ? where id = ?', [hash, blockId]])
    await setHash('e'.repeat(64))
    try {
      const report = await new AuditVerifier().verify()
      assert.deepEqual(report.breaks.map((b) => b.kind), ['block_hash', 'block_signature', 'block_link'])
      assert.equal(report.breaks[0].blockId, blockId)
      assert.equal(report.breaks[1].blockId, blockId)
      assert.isAbove(report.breaks[2].blockId!, blockId)

      const command = await verifyCommand()
      assert.equal(command.code, 1)
      assert.include(command.output, `[block_hash] block ${blockId}: stored block_hash ${'e'.repeat(64)}`)
    } finally {
      await setHash(rows[0].block_hash)
    }
    assert.isTrue((await new AuditVerifier().verify()).ok)
  }).timeout(60_000)

  test('a seal removed from a block is reported for the block, and the event counts as unsealed', async ({ assert }) => {
    const { id, blockId } = await sealedEvent()
    const before = await new AuditVerifier().verify()
    await bypassingTrigger('audit_seals', ['delete from audit_seals where event_id = ?', [id]])
    try {
      const report = await new AuditVerifier().verify()
      const blockBreaks = report.breaks.filter((b) => b.kind !== 'unsealed_below_watermark')
      assert.deepEqual(blockBreaks.map((b) => [b.kind, b.blockId]), [['block_hash', blockId], ['block_members', blockId]])
      assert.equal(report.unsealedRows, before.unsealedRows + 1)
    } finally {
      await db.rawQuery('insert into audit_seals (event_id, block_id) values (?, ?)', [id, blockId])
    }
    assert.isTrue((await new AuditVerifier().verify()).ok)
  })

  test('a row slipped in with a forged old transaction id is never sealed and is named', async ({ assert }) => {
    await sealedEvent()
    const { rows } = await db.rawQuery("select nextval(pg_get_serial_sequence('audit_events', 'id')) as id")
    const id = Number(rows[0].id)
    await bypassingTrigger(
      'audit_events',
      [`insert into audit_events (id, occurred_at, actor_type, action, metadata, row_hash, xact_id)
        values (?, now(), 'staff', 'test.backdated', '{}', repeat('0', 64), '1')`, [id]],
      ['update audit_events e set row_hash = audit_row_hash(e) where id = ?', [id]]
    )
    try {
      await new AuditSealer().seal()
      assert.isNull(await sealOf(id))
      const report = await new AuditVerifier().verify()
      assert.deepEqual(report.breaks.map((b) => [b.kind, b.eventId]), [['unsealed_below_watermark', id]])
      assert.include(report.breaks[0].message, `event ${id} committed before the sealer's watermark`)
    } finally {
      await bypassingTrigger('audit_events', ['delete from audit_events where id = ?', [id]])
    }
    assert.isTrue((await new AuditVerifier().verify()).ok)
  })

  test('unsealed rows are not breaks while the watermark comes from another cluster (restored copy)', async ({ assert }) => {
    await sealedEvent()
    await db.rawQuery("update audit_seal_state set watermark = '900000000000'::xid8")
    const [id] = await recordEvents(1)
    try {
      const report = await new AuditVerifier().verify()
      assert.deepEqual(report.breaks, [])
      assert.isAtLeast(report.unsealedRows, 1)
    } finally {
      await new AuditSealer().seal()
    }
    assert.isNotNull(await sealOf(id))
  })

  test('a disabled append-only trigger is a break', async ({ assert }) => {
    await owner().rawQuery('alter table audit_events disable trigger audit_events_append_only')
    try {
      const report = await new AuditVerifier().verify()
      assert.deepEqual(report.breaks.map((b) => b.message), ['trigger audit_events_append_only is missing or disabled'])
    } finally {
      await owner().rawQuery('alter table audit_events enable trigger audit_events_append_only')
    }
  })
})
