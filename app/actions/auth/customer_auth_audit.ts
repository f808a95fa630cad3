import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'

export interface AuthAuditEvent {
  action:
    | 'auth.token.issued'
    | 'auth.token.failed'
    | 'auth.token.revoked'
    | 'auth.consent_sign_in.succeeded'
    | 'auth.consent_sign_in.failed'
  customerId: number | null
  tokenId?: number | null
  context: RequestContext
  metadata?: Record<string, unknown>
}

/**
 * One audit_events row per customer authentication event (success and
 * failure), in the caller's transaction when given. Failures of unknown
 * e-mail addresses are anonymous.
 */
export function recordAuthEvent(event: AuthAuditEvent, trx?: TransactionClientContract) {
  return AuditTrail.record(
    {
      actor: event.customerId ? { type: 'customer', id: event.customerId } : { type: 'anonymous' },
      action: event.action,
      subject: event.tokenId
        ? { type: 'customer_access_token', id: event.tokenId }
        : event.customerId
          ? { type: 'customer', id: event.customerId }
          : null,
      ...event.context,
      metadata: event.metadata ?? {},
    },
    trx
  )
}
