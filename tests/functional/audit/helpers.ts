import db from '@adonisjs/lucid/services/db'
import AuditTrail from '#services/audit/audit_trail'
import { OWNER_CONNECTION } from '#services/database/database_roles'

/**
 * Helpers for the audit suites. Tampering goes around the append-only
 * triggers the only way an attacker with the owner's or superuser rights
 * could: on the owner connection (the app's runtime role may not alter the
 * tables), disabling the trigger inside a transaction (re-enabled before
 * commit). Each test restores what it changed, so the chain stays valid for
 * other suites.
 */
export const owner = () => db.connection(OWNER_CONNECTION)

export async function recordEvents(count: number, action = 'test.audit.recorded') {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    ids.push(await AuditTrail.record({ actor: { type: 'system', id: 'tests' }, action, metadata: { i } }))
  }
  return ids
}

export async function bypassingTrigger(table: string, ...statements: [sql: string, bindings: any[]][]) {
  await owner().transaction(async (trx) => {
    await trx.rawQuery(`alter table ${table} disable trigger ${table}_append_only`)
    for (const [sql, bindings] of statements) await trx.rawQuery(sql, bindings)
    await trx.rawQuery(`alter table ${table} enable trigger ${table}_append_only`)
  })
}

export async function sealOf(eventId: number) {
  const { rows } = await db.rawQuery('select block_id from audit_seals where event_id = ?', [eventId])
  return rows.length === 0 ? null : Number(rows[0].block_id)
}

export async function chainRows() {
  const { rows } = await db.rawQuery(
    `select b.id, b.prev_hash, b.block_hash,
            encode(sha256(convert_to(b.prev_hash || string_agg(e.row_hash, '' order by e.id), 'UTF8')), 'hex') as recomputed
       from audit_blocks b join audit_seals s on s.block_id = b.id join audit_events e on e.id = s.event_id
      group by b.id order by b.id`
  )
  return rows as { id: string; prev_hash: string; block_hash: string; recomputed: string }[]
}

