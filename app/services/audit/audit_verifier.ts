import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { KeyObject } from 'node:crypto'
import { blockHash, GENESIS_HASH } from '#domain/audit/block_hash'
import { blockSigningMessage, verifySignature, type AuditCheckpoint } from '#domain/audit/checkpoint'
import { auditKeys } from '#services/audit/audit_signing_keys'
import type { AuditBreak } from '#domain/audit/audit_break'

export interface AuditVerification {
  ok: boolean
  rowsChecked: number
  blocksChecked: number
  sealedRows: number
  unsealedRows: number
  /** blocks sealed before signing existed (none may follow a signed block) */
  unsignedBlocks: number
  /** the last block up to which the chain is intact (publish or compare its hash as an anchor) */
  lastVerifiedBlock: { id: number; blockHash: string; lastEventId: number } | null
  breaks: AuditBreak[]
}

export type AuditProgress = (phase: 'rows' | 'blocks', done: number, total: number) => void

export interface AuditVerifyOptions {
  batchSize?: number
  onProgress?: AuditProgress
  /** a checkpoint whose signature was already checked (checkpointProblem): its block must still have its hash */
  checkpoint?: AuditCheckpoint
}

const TRIGGERS = ['audit_events_append_only', 'audit_events_no_truncate', 'audit_blocks_append_only',
  'audit_blocks_no_truncate', 'audit_seals_append_only', 'audit_seals_no_truncate']

/**
 * Proves the audit trail (ARCHITECTURE §5), in one repeatable-read snapshot
 * so that writers and the sealer can keep running:
 * - every row: audit_row_hash(e) = e.row_hash, batched in SQL by id range;
 * - every block, in id order: prev_hash = previous block_hash (genesis: 64
 *   zeros), block_hash recomputed in JS from the members' stored row hashes,
 *   event_count / first / last id match the members;
 * - no committed row below the sealer's watermark is left out of a block
 *   (membership in at most one block is the audit_seals primary key);
 * - every signed block's Ed25519 signature (key outside the database) is
 *   valid for a trusted key, and no unsigned block follows a signed one;
 * - with a checkpoint (`audit:verify --checkpoint`), its block still exists
 *   with exactly the signed hash, so a history rewritten with recomputed
 *   hashes (by a superuser) is caught;
 * - the append-only triggers are present and enabled.
 */
export default class AuditVerifier {
  async verify(options: AuditVerifyOptions = {}): Promise<AuditVerification> {
    const batch = options.batchSize ?? 10_000
    const trusted = (await auditKeys()).trustedKeys()
    return db.transaction(
      async (trx) => {
        const breaks: AuditBreak[] = [...(await this.checkTriggers(trx))]
        if (options.checkpoint) breaks.push(...(await this.checkCheckpoint(trx, options.checkpoint)))
        const rows = await this.checkRows(trx, batch, breaks, options.onProgress)
        const blocks = await this.checkBlocks(trx, Math.max(1, Math.floor(batch / 500)), breaks, trusted, options.onProgress)
        const { rows: counts } = await trx.rawQuery(
          `with st as (
             -- a watermark above the snapshot xmin comes from another cluster (restored copy): not yet meaningful
             select case when watermark <= pg_snapshot_xmin(pg_current_snapshot()) then watermark else '0'::xid8 end as watermark
               from audit_seal_state)
           select count(*) filter (where s.event_id is null) as unsealed,
                  count(*) filter (where s.event_id is null and e.xact_id < st.watermark) as missed,
                  (array_agg(e.id order by e.id) filter (where s.event_id is null and e.xact_id < st.watermark))[1:20] as missed_ids
             from audit_events e left join audit_seals s on s.event_id = e.id cross join st`
        )
        for (const id of counts[0].missed_ids ?? []) {
          breaks.push({ kind: 'unsealed_below_watermark', eventId: Number(id),
            message: `event ${id} committed before the sealer's watermark but belongs to no block` })
        }
        if (Number(counts[0].missed) > 20) {
          breaks.push({ kind: 'unsealed_below_watermark', message: `${counts[0].missed} events in total are missing from every block` })
        }
        return {
          ok: breaks.length === 0,
          rowsChecked: rows,
          blocksChecked: blocks.checked,
          sealedRows: blocks.sealed,
          unsealedRows: Number(counts[0].unsealed),
          unsignedBlocks: blocks.unsigned,
          lastVerifiedBlock: blocks.lastVerified,
          breaks,
        }
      },
      { isolationLevel: 'repeatable read' }
    )
  }

  private async checkRows(trx: TransactionClientContract, size: number, breaks: AuditBreak[], progress?: AuditProgress) {
    const { rows } = await trx.rawQuery('select coalesce(max(id), 0)::bigint as max from audit_events')
    const max = Number(rows[0].max)
    let checked = 0
    for (let from = 0; from < max; from += size) {
      const to = Math.min(from + size, max)
      const { rows: part } = await trx.rawQuery(
        `select count(*) as checked,
                coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'stored', e.row_hash, 'computed', audit_row_hash(e)) order by e.id)
                  filter (where audit_row_hash(e) is distinct from e.row_hash), '[]') as bad
           from audit_events e where e.id > ? and e.id <= ?`,
        [from, to]
      )
      checked += Number(part[0].checked)
      for (const bad of part[0].bad) {
        breaks.push({ kind: 'row_hash', eventId: Number(bad.id),
          message: `event ${bad.id}: stored row_hash ${bad.stored} but the row hashes to ${bad.computed}` })
      }
      progress?.('rows', to, max)
    }
    return checked
  }

  private async checkCheckpoint(trx: TransactionClientContract, checkpoint: AuditCheckpoint): Promise<AuditBreak[]> {
    const { blockId, blockHash: signed, createdAt, lastEventId } = checkpoint
    const { rows } = await trx.rawQuery('select block_hash from audit_blocks where id = ?', [blockId])
    const history = `the history up to event ${lastEventId} no longer matches the checkpoint signed at ${createdAt}`
    if (rows.length === 0) {
      return [{ kind: 'checkpoint', blockId, message: `block ${blockId} of the checkpoint is missing: ${history}` }]
    }
    if (rows[0].block_hash !== signed) {
      return [{ kind: 'checkpoint', blockId,
        message: `block ${blockId}: block_hash ${rows[0].block_hash} but the checkpoint signed ${signed}: ${history}` }]
    }
    return []
  }

  private async checkBlocks(
    trx: TransactionClientContract,
    size: number,
    breaks: AuditBreak[],
    trusted: Map<string, KeyObject>,
    progress?: AuditProgress
  ) {
    const { rows } = await trx.rawQuery('select count(*) as n, coalesce(max(id), 0)::bigint as max from audit_blocks')
    const [total, max] = [Number(rows[0].n), Number(rows[0].max)]
    const result = { checked: 0, sealed: 0, unsigned: 0, lastVerified: null as AuditVerification['lastVerifiedBlock'] }
    let prevHash = GENESIS_HASH
    let firstSigned: number | null = null
    let intact = true
    for (let from = 0; from < max; from += size) {
      const { rows: blocks } = await trx.rawQuery(
        `select b.id, b.prev_hash, b.block_hash, b.first_event_id, b.last_event_id, b.event_count,
                b.signature, b.signing_key_id, m.n, m.first_id, m.last_id, m.hashes
           from audit_blocks b
           left join lateral (
             select count(*) as n, min(e.id) as first_id, max(e.id) as last_id,
                    string_agg(e.row_hash, '' order by e.id) as hashes
               from audit_seals s join audit_events e on e.id = s.event_id where s.block_id = b.id) m on true
          where b.id > ? and b.id <= ? order by b.id`,
        [from, Math.min(from + size, max)]
      )
      for (const b of blocks) {
        const id = Number(b.id)
        const found = [...this.checkBlock(b, prevHash), ...this.checkSignature(b, trusted, firstSigned)]
        if (b.signature) firstSigned ??= id
        else result.unsigned++
        breaks.push(...found)
        intact &&= found.length === 0
        if (intact) result.lastVerified = { id, blockHash: b.block_hash, lastEventId: Number(b.last_event_id) }
        prevHash = b.block_hash
        result.checked++
        result.sealed += Number(b.n)
      }
      progress?.('blocks', result.checked, total)
    }
    return result
  }

  private checkBlock(b: any, prevHash: string): AuditBreak[] {
    const blockId = Number(b.id)
    const found: AuditBreak[] = []
    if (b.prev_hash !== prevHash) {
      found.push({ kind: 'block_link', blockId,
        message: `block ${blockId}: prev_hash ${b.prev_hash} but the previous block's hash is ${prevHash}` })
    }
    const computed = blockHash(b.prev_hash, b.hashes ?? '')
    if (computed !== b.block_hash) {
      found.push({ kind: 'block_hash', blockId,
        message: `block ${blockId}: stored block_hash ${b.block_hash} but its members hash to ${computed}` })
    }
    const members = `${b.n} members, ids ${b.first_id}..${b.last_id}`
    if (Number(b.n) !== b.event_count || String(b.first_id) !== String(b.first_event_id) || String(b.last_id) !== String(b.last_event_id)) {
      found.push({ kind: 'block_members', blockId,
        message: `block ${blockId}: records ${b.event_count} events, ids ${b.first_event_id}..${b.last_event_id}, but has ${members}` })
    }
    return found
  }

  private checkSignature(b: any, trusted: Map<string, KeyObject>, firstSigned: number | null): AuditBreak[] {
    const blockId = Number(b.id)
    if (!b.signature) {
      return firstSigned === null ? [] : [{ kind: 'block_signature', blockId,
        message: `block ${blockId} is not signed although block ${firstSigned} before it is` }]
    }
    const key = trusted.get(b.signing_key_id)
    if (!key) {
      return [{ kind: 'block_signature', blockId,
        message: `block ${blockId} is signed by key ${b.signing_key_id}, which is not a trusted key (AUDIT_SIGNING_KEY, AUDIT_TRUSTED_PUBLIC_KEYS)` }]
    }
    if (!verifySignature(key, blockSigningMessage(blockId, b.block_hash), b.signature)) {
      return [{ kind: 'block_signature', blockId,
        message: `block ${blockId}: the signature does not match its block_hash ${b.block_hash} (key ${b.signing_key_id})` }]
    }
    return []
  }

  private async checkTriggers(trx: TransactionClientContract): Promise<AuditBreak[]> {
    const { rows } = await trx.rawQuery(
      `select tgname from pg_trigger where not tgisinternal and tgenabled <> 'D' and tgname = any(?::text[])`,
      [`{${TRIGGERS.join(',')}}`]
    )
    const enabled = new Set(rows.map((r: { tgname: string }) => r.tgname))
    return TRIGGERS.filter((name) => !enabled.has(name)).map((name) => ({
      kind: 'append_only_trigger' as const,
      message: `trigger ${name} is missing or disabled`,
    }))
  }
}
