import db from '@adonisjs/lucid/services/db'
import { OWNER_CONNECTION } from '#services/database/database_roles'
import { AuditEventFactory } from '#database/factories/audit_event_factory'

/**
 * The audit trail in tests: events recorded through AuditEventFactory
 * (audit_append(), one transaction each), the rows a test looks up, and
 * tampering for the chain suites. Tampering goes around the append-only
 * triggers the only way an attacker with the owner's or superuser rights
 * could: on the owner connection (the app's runtime role may not alter the
 * tables), disabling the trigger inside a transaction (re-enabled before
 * commit). Each test restores what it changed, so the chain stays valid for
 * other suites.
 */
export const owner = () => db.connection(OWNER_CONNECTION)

/** `count` system events, each committed on its own; their ids */
export async function recordEvents(count: number, action = 'test.audit.recorded') {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const event = await AuditEventFactory.merge({ actorType: 'system', actorId: 'tests', action, metadata: { i } }).create()
    ids.push(event.id)
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

/** The audit rows of one action, oldest first; only those by `staffId` when given (actor) */
export async function auditRows(action: string, staffId?: number | bigint) {
  const query = db.from('audit_events').where('action', action).orderBy('id')
  if (staffId !== undefined) query.where('actor_id', String(staffId))
  return query
}

/** The audit rows of one action about one subject id (any subject type), oldest first */
export async function auditFor(action: string, subjectId: number | string) {
  return db.from('audit_events').where({ action, subject_id: String(subjectId) }).orderBy('id')
}

/** The audit rows about one staff member (subject), oldest first */
export async function auditAbout(action: string, staffId: number | bigint) {
  return db
    .from('audit_events')
    .where('action', action)
    .where('subject_type', 'staff_user')
    .where('subject_id', String(staffId))
    .orderBy('id')
}
