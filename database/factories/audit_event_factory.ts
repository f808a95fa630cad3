import Factory from '@adonisjs/lucid/factories'
import AuditEvent from '#models/audit_event'
import AuditTrail from '#services/audit/audit_trail'

/**
 * Audit trail rows. audit_events is append-only and hash-chained: a row is
 * written only by audit_append() (which sets id, occurred_at, xact_id and
 * row_hash), never by a model insert. So `create()` records the event
 * through AuditTrail.record() inside the factory's transaction (one
 * transaction per create(), as an action's own audit row would be; one for
 * all the rows of a createMany()) and returns the row audit_append()
 * wrote. `make()` builds an unsaved instance without id or hash.
 *
 * Merge: actorType/actorId, action, subjectType/subjectId, before, after,
 * ip, requestId, metadata. Never save() or delete() a created instance:
 * the table rejects UPDATE and DELETE.
 */
export const AuditEventFactory = Factory.define(AuditEvent, () => ({
  actorType: 'system' as const,
  actorId: 'test-fixtures',
  action: 'test.fixture.recorded',
  subjectType: null,
  subjectId: null,
  before: null,
  after: null,
  ip: null,
  requestId: null,
  metadata: {},
}))
  .before('create', async (_, event, { $trx }) => {
    const id = await AuditTrail.record(
      {
        actor: { type: event.actorType, id: event.actorId },
        action: event.action,
        subject: event.subjectType ? { type: event.subjectType, id: event.subjectId! } : null,
        before: event.before,
        after: event.after,
        ip: event.ip,
        requestId: event.requestId,
        metadata: event.metadata,
      },
      $trx
    )
    const written = await AuditEvent.query({ client: $trx }).where('id', id).firstOrFail()
    event.merge(written.$attributes)
    event.$hydrateOriginals()
    event.$isPersisted = true
  })
  .build()
