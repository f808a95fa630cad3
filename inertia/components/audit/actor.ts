import type { Data } from '~/types'

/** Who did it: the staff member's email when known, else "type id", else the actor type */
export const actorText = (actor: Data.AuditEvent['actor']) =>
  actor.label ?? (actor.id ? `${actor.type} ${actor.id}` : actor.type)
