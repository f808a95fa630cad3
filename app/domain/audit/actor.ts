/**
 * Who acts, and for which request: the one actor type and the one request
 * context of the application. Controllers build them (auditContext() and
 * auditActor() in #services/audit/audit_trail), actions receive them, the
 * ledger's functions get them in their audit envelope (and scope
 * idempotency keys by the actor), and the audit trail stores them as
 * audit_events.actor_type / actor_id / ip / request_id.
 *
 * They live in the audit module because that is what they are for: every
 * module writes audit rows, so every module may depend on audit. Pure: no
 * HTTP, no database.
 */

/** audit_events.actor_type (its CHECK constraint lists the same five) */
export const ACTOR_TYPES = ['staff', 'customer', 'partner', 'system', 'anonymous'] as const
export type ActorType = (typeof ACTOR_TYPES)[number]

export interface Actor {
  type: ActorType
  /** Absent or null for 'system' and 'anonymous' */
  id?: string | number | null
}

/** The HTTP request an action runs for; both null outside one (ace commands, seeders) */
export interface RequestContext {
  ip: string | null
  requestId: string | null
}

/** An action run by an ace command or a seeder: no request */
export const NO_REQUEST: RequestContext = Object.freeze({ ip: null, requestId: null })

/**
 * The actor and request fields of an audit_append() payload (also what the
 * ledger's posting functions take as their audit argument): the id as
 * text, missing values as null.
 */
export function auditEnvelope(actor: Actor, context?: Partial<RequestContext> | null, metadata: object = {}) {
  return {
    actor_type: actor.type,
    actor_id: actor.id === null || actor.id === undefined ? null : String(actor.id),
    ip: context?.ip ?? null,
    request_id: context?.requestId ?? null,
    metadata,
  }
}
