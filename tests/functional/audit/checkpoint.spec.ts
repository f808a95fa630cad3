import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { generateKeyPairSync, sign } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import AuditSealer from '#services/audit/audit_sealer'
import AuditVerifier from '#services/audit/audit_verifier'
import { auditKeys } from '#services/audit/audit_signing_keys'
import { blockHash } from '#domain/audit/block_hash'
import {
  blockSigningMessage,
  checkpointSigningPayload,
  keyIdOf,
  rawPublicKey,
  verifySignature,
  type AuditCheckpoint,
} from '#domain/audit/checkpoint'
import { owner, recordEvents, sealOf } from '#tests/helpers/audit'

/**
 * Finding 13b: sealed blocks are signed with a key kept outside the
 * database, `node ace audit:checkpoint` exports signed checkpoints, and
 * `node ace audit:verify --checkpoint FILE` catches a superuser who
 * rewrote history and recomputed every hash.
 */
async function ace(...args: string[]) {
  return promisify(execFile)(process.execPath, ['ace', ...args], { cwd: app.appRoot.pathname, env: process.env })
    .then(({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }))
    .catch((error) => ({ code: error.code as number, output: String(error.stdout) + String(error.stderr) }))
}

async function writeCheckpoint() {
  const run = await ace('audit:checkpoint')
  const path = /Written to fs:\S+ \((.+\.json)\)/.exec(run.output)?.[1]
  if (run.code !== 0 || !path) throw new Error(`audit:checkpoint failed: ${run.output}`)
  return { path, checkpoint: JSON.parse(await readFile(path, 'utf8')) as AuditCheckpoint, output: run.output }
}

async function sealed(action: string) {
  const [id] = await recordEvents(2, action)
  await new AuditSealer().seal()
  return { id, blockId: (await sealOf(id))! }
}

/** What the attacker changes, to put it back after the test */
async function snapshot(eventId: number) {
  const event = (await db.rawQuery('select id, metadata, row_hash from audit_events where id = ?', [eventId])).rows[0]
  const blocks = (await db.rawQuery('select id, prev_hash, block_hash, signature, signing_key_id from audit_blocks order by id')).rows
  return { event, blocks }
}

/**
 * A superuser's rewrite: one sealed event's payload changed, its row hash,
 * every block hash from its block on and every link recomputed, and every
 * signature stripped (it cannot sign), so the chain is internally consistent.
 */
async function rewriteHistory(eventId: number) {
  await owner().transaction(async (trx) => {
    for (const table of ['audit_events', 'audit_blocks']) await trx.rawQuery(`alter table ${table} disable trigger ${table}_append_only`)
    await trx.rawQuery(`update audit_events set metadata = '{"rewritten": true}' where id = ?`, [eventId])
    await trx.rawQuery('update audit_events e set row_hash = audit_row_hash(e) where id = ?', [eventId])
    const { rows: blocks } = await trx.rawQuery(
      `select b.id, b.prev_hash, (select string_agg(e.row_hash, '' order by e.id) from audit_seals s join audit_events e on e.id = s.event_id
                                   where s.block_id = b.id) as hashes
         from audit_blocks b order by b.id`
    )
    let prev: string | null = null
    for (const b of blocks) {
      const prevHash: string = prev ?? b.prev_hash
      prev = blockHash(prevHash, b.hashes)
      await trx.rawQuery('update audit_blocks set prev_hash = ?, block_hash = ?, signature = null, signing_key_id = null where id = ?', [
        prevHash,
        prev,
        b.id,
      ])
    }
    for (const table of ['audit_events', 'audit_blocks']) await trx.rawQuery(`alter table ${table} enable trigger ${table}_append_only`)
  })
}

async function restore({ event, blocks }: Awaited<ReturnType<typeof snapshot>>) {
  await owner().transaction(async (trx) => {
    for (const table of ['audit_events', 'audit_blocks']) await trx.rawQuery(`alter table ${table} disable trigger ${table}_append_only`)
    await trx.rawQuery('update audit_events set metadata = ?, row_hash = ? where id = ?', [event.metadata, event.row_hash, event.id])
    for (const b of blocks) {
      await trx.rawQuery('update audit_blocks set prev_hash = ?, block_hash = ?, signature = ?, signing_key_id = ? where id = ?', [
        b.prev_hash,
        b.block_hash,
        b.signature,
        b.signing_key_id,
        b.id,
      ])
    }
    for (const table of ['audit_events', 'audit_blocks']) await trx.rawQuery(`alter table ${table} enable trigger ${table}_append_only`)
  })
}

test.group('Audit checkpoints (signed anchors outside the database)', (group) => {
  const files: string[] = []
  group.each.teardown(async () => {
    for (const file of files.splice(0)) await rm(file, { force: true })
  })

  test('every sealed block is signed with the key from outside the database', async ({ assert }) => {
    const { blockId } = await sealed('test.checkpoint.signed')
    const signer = (await auditKeys()).signer()
    const { rows } = await db.rawQuery('select block_hash, signature, signing_key_id from audit_blocks where id = ?', [blockId])
    assert.equal(rows[0].signing_key_id, signer.keyId)
    const key = (await auditKeys()).trustedKeys().get(signer.keyId)!
    assert.isTrue(verifySignature(key, blockSigningMessage(blockId, rows[0].block_hash), rows[0].signature))
    assert.isFalse(verifySignature(key, blockSigningMessage(blockId + 1, rows[0].block_hash), rows[0].signature))
  })

  test('audit:checkpoint writes the last verified block, signed, to the checkpoint disk and prints where', async ({ assert }) => {
    const { blockId } = await sealed('test.checkpoint.written')
    const { path, checkpoint, output } = await writeCheckpoint()
    files.push(path)
    assert.match(path, /storage\/drive\/audit-checkpoints\/[^/]+-block-\d+\.json$/)
    assert.include(output, `Checkpoint of block ${checkpoint.blockId}`)
    assert.isAtLeast(checkpoint.blockId, blockId)
    const { rows } = await db.rawQuery('select block_hash, last_event_id from audit_blocks where id = ?', [checkpoint.blockId])
    assert.equal(checkpoint.blockHash, rows[0].block_hash)
    assert.equal(checkpoint.lastEventId, Number(rows[0].last_event_id))
    assert.equal(checkpoint.keyId, (await auditKeys()).signer().keyId)
    const key = (await auditKeys()).trustedKeys().get(checkpoint.keyId)!
    assert.isTrue(verifySignature(key, checkpointSigningPayload(checkpoint), checkpoint.signature))

    const verify = await ace('audit:verify', '--checkpoint', path)
    assert.equal(verify.code, 0, verify.output)
    assert.include(verify.output, `checkpoint block ${checkpoint.blockId} matches`)
  }).timeout(60_000)

  test('a superuser who rewrites one sealed event and recomputes every hash after it is caught by the checkpoint', async ({ assert }) => {
    const victim = await sealed('test.checkpoint.victim')
    await sealed('test.checkpoint.before')
    const { path, checkpoint } = await writeCheckpoint()
    files.push(path)
    const later = await sealed('test.checkpoint.after')
    assert.isAbove(later.blockId, checkpoint.blockId)
    assert.isBelow(victim.blockId, checkpoint.blockId)

    const original = await snapshot(victim.id)
    await rewriteHistory(victim.id)
    try {
      /* the rewritten chain is consistent: only the checkpoint can tell */
      const plain = await new AuditVerifier().verify()
      assert.deepEqual(plain.breaks, [])
      const rows = await db.rawQuery('select metadata from audit_events where id = ?', [victim.id])
      assert.deepEqual(rows.rows[0].metadata, { rewritten: true })
      const plainCommand = await ace('audit:verify')
      assert.equal(plainCommand.code, 0, plainCommand.output)

      const withCheckpoint = await ace('audit:verify', '--checkpoint', path)
      assert.equal(withCheckpoint.code, 1, withCheckpoint.output)
      assert.include(withCheckpoint.output, `[checkpoint] block ${checkpoint.blockId}: block_hash `)
      assert.include(withCheckpoint.output, `but the checkpoint signed ${checkpoint.blockHash}`)
      assert.include(withCheckpoint.output, `the history up to event ${checkpoint.lastEventId} no longer matches`)
      assert.include(withCheckpoint.output, 'Audit trail NOT verified')
    } finally {
      await restore(original)
    }
    assert.isTrue((await new AuditVerifier().verify()).ok)
  }).timeout(120_000)

  test('a rewrite that keeps the other signatures leaves an unsigned block, which plain audit:verify names', async ({ assert }) => {
    const victim = await sealed('test.checkpoint.partial')
    await sealed('test.checkpoint.partial.next')
    const original = await snapshot(victim.id)
    await rewriteHistory(victim.id)
    /* put back the signatures of the blocks before the rewritten one: they still verify */
    await owner().transaction(async (trx) => {
      await trx.rawQuery('alter table audit_blocks disable trigger audit_blocks_append_only')
      for (const b of original.blocks.filter((row: any) => Number(row.id) < victim.blockId)) {
        await trx.rawQuery('update audit_blocks set signature = ?, signing_key_id = ? where id = ?', [b.signature, b.signing_key_id, b.id])
      }
      await trx.rawQuery('alter table audit_blocks enable trigger audit_blocks_append_only')
    })
    try {
      const report = await new AuditVerifier().verify()
      assert.isFalse(report.ok)
      assert.equal(report.breaks[0].kind, 'block_signature')
      assert.equal(report.breaks[0].blockId, victim.blockId)
      assert.include(report.breaks[0].message, `block ${victim.blockId} is not signed although block`)
    } finally {
      await restore(original)
    }
    assert.isTrue((await new AuditVerifier().verify()).ok)
  }).timeout(60_000)

  test('a tampered checkpoint file, or one signed by an untrusted key, is refused', async ({ assert }) => {
    await sealed('test.checkpoint.tampered')
    const { path, checkpoint } = await writeCheckpoint()
    files.push(path)

    const altered = join(tmpdir(), `h3-altered-${process.pid}.json`)
    files.push(altered)
    await writeFile(altered, JSON.stringify({ ...checkpoint, blockHash: 'f'.repeat(64) }))
    const refused = await ace('audit:verify', '--checkpoint', altered)
    assert.equal(refused.code, 1, refused.output)
    assert.include(refused.output, `Checkpoint ${altered} refused: its signature does not match its content`)
    assert.notInclude(refused.output, 'rows checked')

    /* a self-consistent checkpoint made with the attacker's own key */
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const raw = rawPublicKey(publicKey)
    const forged = { ...checkpoint, blockHash: 'f'.repeat(64), keyId: keyIdOf(raw), publicKey: raw.toString('base64url') }
    const signature = sign(null, checkpointSigningPayload(forged), privateKey).toString('base64url')
    await writeFile(altered, JSON.stringify({ ...forged, signature }))
    const untrusted = await ace('audit:verify', '--checkpoint', altered)
    assert.equal(untrusted.code, 1, untrusted.output)
    assert.include(untrusted.output, 'refused: it names a key that is not trusted')
  }).timeout(60_000)
})
