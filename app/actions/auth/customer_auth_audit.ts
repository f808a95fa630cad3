import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface AuthAuditEvent {
  action: 'auth.token.issued' | 'auth.token.failed' | 'auth.token.revoked'
  customerId: number | null
  tokenId?: number | null
  ip?: string
  requestId?: string
  metadata?: Record<string, unknown>
}

/**
 * One audit_events row per customer authentication event (success and
 * failure), in the caller's transaction when given.
 */
export async function recordAuthEvent(event: AuthAuditEvent, trx?: TransactionClientContract) {
  const payload = {
    actor_type: event.customerId ? 'customer' : 'anonymous',
    actor_id: event.customerId ? String(event.customerId) : null,
    action: event.action,
    subject_type: event.tokenId ? 'customer_access_token' : 'customer',
    subject_id: event.tokenId ? String(event.tokenId) : event.customerId ? String(event.customerId) : null,
    ip: event.ip ?? null,
    request_id: event.requestId ?? null,
    metadata: event.metadata ?? {},
  }
  await (trx ?? db).rawQuery('select audit_append(?::jsonb)', [JSON.stringify(payload)])
}
