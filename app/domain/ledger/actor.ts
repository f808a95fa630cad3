/**
 * Who performs a ledger command. The idempotency scope and the audit row
 * are derived from it.
 */
export type ActorType = 'customer' | 'staff' | 'system' | 'partner'

export interface Actor {
  type: ActorType
  id: string | number | null
}

export interface RequestContext {
  requestId?: string
  ip?: string
}

/** Idempotency keys are unique per caller: 'customer:12', 'staff:3' */
export function idempotencyScope(actor: Actor): string {
  return `${actor.type}:${actor.id ?? '-'}`
}

/** The audit_append() fields common to every ledger action */
export function auditEnvelope(actor: Actor, context: RequestContext, metadata: object = {}) {
  return {
    actor_type: actor.type,
    actor_id: actor.id === null || actor.id === undefined ? null : String(actor.id),
    ip: context.ip ?? null,
    request_id: context.requestId ?? null,
    metadata,
  }
}
