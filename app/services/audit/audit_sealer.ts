import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { blockHash, GENESIS_HASH } from '#domain/audit/block_hash'
import { blockSigningMessage } from '#domain/audit/checkpoint'
import { auditKeys, type AuditSigner } from '#services/audit/audit_signing_keys'

/** pg advisory lock key held by the one sealer running across all instances */
export const AUDIT_SEALER_LOCK = 7_240_020_100

export interface SealResult {
  /** another sealer held the lock: this run did nothing */
  skipped: boolean
  blocks: number
  events: number
}

/**
 * Links committed audit events into hash-chained blocks (ARCHITECTURE §5).
 *
 * Writers only insert their own row; the chain is built here, after commit,
 * so it never serialises the hot path. Each block is one short transaction:
 *
 * 1. `pg_try_advisory_xact_lock`: a second sealer (another web instance, a
 *    `node ace audit:seal`) skips instead of waiting. Beyond the lock,
 *    `unique(audit_blocks.prev_hash)` forbids a fork and the audit_seals
 *    primary key forbids sealing an event twice.
 * 2. Read the snapshot bounds (xmin, xmax) and the watermark (xmin of the
 *    last complete run). Candidates are visible (= committed) rows without a
 *    seal whose transaction id is in [watermark, xmax). Rows with a lower id
 *    may become visible after higher ids were sealed (ids come from a
 *    sequence before commit); they are simply picked up by a later run,
 *    because their transaction was still running, hence >= xmin, when the
 *    watermark was set. Rolled-back rows leave id gaps that never matter.
 * 3. block_hash over the members' row_hash in id order, signed with the
 *    key kept outside the database (Ed25519 over id + block_hash, see
 *    #domain/audit/checkpoint); insert the block, the seals, and advance
 *    the watermark to this run's xmin when every candidate fitted in the
 *    block.
 *
 * If the xmin is below the stored watermark, the database was restored into
 * another cluster (xids never go backwards in one cluster): that run scans
 * every unsealed row once, then the watermark restarts from the new xmin.
 */
export default class AuditSealer {
  /** `signer`: the key signing each block (default: the process's AuditKeyProvider) */
  constructor(
    private maxEventsPerBlock = 5000,
    private signer?: AuditSigner
  ) {}

  /** Seals every committed, unsealed event (several blocks if needed) */
  async seal(): Promise<SealResult> {
    const total: SealResult = { skipped: false, blocks: 0, events: 0 }
    while (true) {
      const run = await db.transaction((trx) => this.sealBlock(trx))
      if (run.skipped) return { ...total, skipped: total.blocks === 0 }
      if (run.events > 0) {
        total.blocks++
        total.events += run.events
      }
      if (!run.more) return total
    }
  }

  private async sealBlock(trx: TransactionClientContract) {
    const lock = await trx.rawQuery('select pg_try_advisory_xact_lock(?) as locked', [AUDIT_SEALER_LOCK])
    if (!lock.rows[0].locked) return { skipped: true, events: 0, more: false }

    const { rows: bounds } = await trx.rawQuery(
      `select pg_snapshot_xmin(s)::text as xmin, pg_snapshot_xmax(s)::text as xmax, st.watermark::text as watermark,
              st.watermark > pg_snapshot_xmin(s) as reset
         from pg_current_snapshot() s, audit_seal_state st where st.id`
    )
    const { xmin, xmax, watermark, reset } = bounds[0]
    const range = reset ? '' : 'and e.xact_id >= ?::xid8 and e.xact_id < ?::xid8'
    const { rows: members } = await trx.rawQuery(
      `select e.id, e.row_hash from audit_events e
        where not exists (select 1 from audit_seals s where s.event_id = e.id) ${range}
        order by e.id limit ?`,
      reset ? [this.maxEventsPerBlock] : [watermark, xmax, this.maxEventsPerBlock]
    )
    const more = members.length === this.maxEventsPerBlock
    if (!more && xmin !== watermark) {
      await trx.rawQuery('update audit_seal_state set watermark = ?::xid8, updated_at = now() where id', [xmin])
    }
    if (members.length === 0) return { skipped: false, events: 0, more: false }

    const { rows: last } = await trx.rawQuery(
      `select block_hash, nextval(pg_get_serial_sequence('audit_blocks', 'id')) as next_id
         from (select 1) one left join lateral (select block_hash from audit_blocks order by id desc limit 1) b on true`
    )
    const prevHash: string = last[0].block_hash ?? GENESIS_HASH
    const blockId = String(last[0].next_id)
    const hash = blockHash(prevHash, members.map((m: { row_hash: string }) => m.row_hash))
    const signer = this.signer ?? (await auditKeys()).signer()
    const signature = await signer.sign(blockSigningMessage(blockId, hash))
    const ids = members.map((m: { id: string }) => m.id)
    const { rows: block } = await trx.rawQuery(
      `insert into audit_blocks (id, prev_hash, block_hash, first_event_id, last_event_id, event_count, signature, signing_key_id)
       values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [blockId, prevHash, hash, ids[0], ids.at(-1), ids.length, signature, signer.keyId]
    )
    await trx.rawQuery('insert into audit_seals (event_id, block_id) select unnest(?::bigint[]), ?', [
      `{${ids.join(',')}}`,
      block[0].id,
    ])
    return { skipped: false, events: members.length, more }
  }
}
