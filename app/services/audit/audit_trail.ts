import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'

/** One audit row; `ip` and `requestId` usually come from spreading the action's RequestContext */
export interface AuditEventInput extends Partial<RequestContext> {
  actor: Actor
  /** dotted, past tense: 'ledger.transfer.posted', 'staff.login.failed' */
  action: string
  subject?: { type: string; id: string | number } | null
  before?: unknown
  after?: unknown
  metadata?: Record<string, unknown>
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
      ...auditEnvelope(event.actor, event, event.metadata ?? {}),
      action: event.action,
      subject_type: event.subject?.type ?? null,
      subject_id: asText(event.subject?.id),
      before: event.before ?? null,
      after: event.after ?? null,
    })
    const client = trx ?? db.connection()
    const { rows } = await client.rawQuery('select audit_append(?::jsonb) as id', [payload])
    return Number(rows[0].id)
  }
}

/** The request's client IP and request id: what a controller passes to an action as `context` */
export function auditContext(ctx: HttpContext): RequestContext {
  return { ip: ctx.request.ip() ?? null, requestId: ctx.request.id() ?? null }
}

/**
 * The authenticated caller of this request, if a guard already authenticated
 * it (this never triggers authentication): staff on the "web" guard,
 * customers on the "api" guard, otherwise anonymous.
 */
export function auditActor(ctx: HttpContext): Actor {
  const auth = (ctx as Partial<HttpContext>).auth
  if (!auth) return { type: 'anonymous' }
  const staff = auth.use('web')
  if (staff.isAuthenticated && staff.user) return { type: 'staff', id: staff.user.id }
  const customer = auth.use('api')
  if (customer.isAuthenticated && customer.user) return { type: 'customer', id: customer.user.id }
  return { type: 'anonymous' }
}
