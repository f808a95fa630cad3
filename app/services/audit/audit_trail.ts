import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type AuditActorType = 'staff' | 'customer' | 'partner' | 'system' | 'anonymous'

export interface AuditActor {
  type: AuditActorType
  id?: string | number | null
}

export interface AuditEventInput {
  actor: AuditActor
  /** dotted, past tense: 'ledger.transfer.posted', 'staff.login.failed' */
  action: string
  subject?: { type: string; id: string | number } | null
  before?: unknown
  after?: unknown
  ip?: string | null
  requestId?: string | null
  metadata?: Record<string, unknown>
}

/** What a controller passes down to an action so it can audit the request */
export interface AuditRequestContext {
  ip: string | null
  requestId: string | null
}

const asText = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : String(value)

/**
 * Writes one audit_events row through audit_append() (ARCHITECTURE §5).
 *
 * Pass the action's transaction so the row commits or rolls back with it;
 * without `trx` the row is written on its own (e.g. a failed login, which
 * has no transaction to join). Returns the event id.
 */
export default class AuditTrail {
  static async record(event: AuditEventInput, trx?: TransactionClientContract): Promise<number> {
    const payload = JSON.stringify({
      actor_type: event.actor.type,
      actor_id: asText(event.actor.id),
      action: event.action,
      subject_type: event.subject?.type ?? null,
      subject_id: asText(event.subject?.id),
      before: event.before ?? null,
      after: event.after ?? null,
      ip: event.ip ?? null,
      request_id: event.requestId ?? null,
      metadata: event.metadata ?? {},
    })
    const client = trx ?? db.connection()
    const { rows } = await client.rawQuery('select audit_append(?::jsonb) as id', [payload])
    return Number(rows[0].id)
  }
}

/** The request's client IP and request id, for AuditEventInput */
export function auditContext(ctx: HttpContext): AuditRequestContext {
  return { ip: ctx.request.ip() ?? null, requestId: ctx.request.id() ?? null }
}

/**
 * The authenticated caller of this request, if a guard already authenticated
 * it (this never triggers authentication): staff on the "web" guard,
 * customers on the "api" guard, otherwise anonymous.
 */
export function auditActor(ctx: HttpContext): AuditActor {
  const auth = (ctx as Partial<HttpContext>).auth
  if (!auth) return { type: 'anonymous' }
  const staff = auth.use('web')
  if (staff.isAuthenticated && staff.user) return { type: 'staff', id: staff.user.id }
  const customer = auth.use('api')
  if (customer.isAuthenticated && customer.user) return { type: 'customer', id: customer.user.id }
  return { type: 'anonymous' }
}
