import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type RequestContext, auditEnvelope } from '#domain/audit/actor'

/**
 * Staff authentication audit rows (audit_append(), same transaction as the
 * counter / lockout changes). Never includes passwords or codes.
 */
export type StaffAuthAction = 'staff.login.succeeded' | 'staff.login.failed' | 'staff.totp.enrolled'

export async function auditStaffAuth(
  trx: TransactionClientContract,
  event: {
    action: StaffAuthAction
    staffId: number | null
    context: RequestContext
    metadata?: Record<string, unknown>
  }
) {
  await trx.rawQuery('select audit_append(?::jsonb)', [
    JSON.stringify({
      ...auditEnvelope(event.staffId === null ? { type: 'anonymous' } : { type: 'staff', id: event.staffId }, event.context, event.metadata ?? {}),
      action: event.action,
      subject_type: event.staffId === null ? null : 'staff_user',
      subject_id: event.staffId === null ? null : String(event.staffId),
    }),
  ])
}
