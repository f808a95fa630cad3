import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type AuditEvent from '#models/audit_event'

/** An audit_events row for the backoffice; `staffEmails` names staff actors */
export default class AuditEventTransformer extends BaseTransformer<AuditEvent> {
  constructor(
    resource: AuditEvent,
    private staffEmails: ReadonlyMap<string, string> = new Map()
  ) {
    super(resource)
  }

  toObject() {
    const e = this.resource
    return {
      id: Number(e.id),
      occurredAt: e.occurredAt.toUTC().toISO(),
      actor: {
        type: e.actorType,
        id: e.actorId,
        label: (e.actorId && e.actorType === 'staff' ? this.staffEmails.get(e.actorId) : null) ?? null,
      },
      action: e.action,
      subject: e.subjectType ? { type: e.subjectType, id: e.subjectId } : null,
      ip: e.ip,
      requestId: e.requestId,
      url: router.urlBuilder.urlFor('backoffice.audit.show', { id: Number(e.id) }),
    }
  }

  /** The detail page: before/after and metadata as JSON values, and the row hash */
  forDetail() {
    const e = this.resource
    return {
      ...this.toObject(),
      before: e.before ?? null,
      after: e.after ?? null,
      metadata: e.metadata ?? {},
      rowHash: e.rowHash,
    }
  }
}
