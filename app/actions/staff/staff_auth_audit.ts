import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Staff authentication audit rows (audit_append(), same transaction as the
 * counter / lockout changes). Never includes passwords or codes.
 */
export type StaffAuthAction = 'staff.login.succeeded' | 'staff.login.failed' | 'staff.totp.enrolled'

export interface StaffAuthContext {
  ip?: string | null
  requestId?: string | null
}

export async function auditStaffAuth(
  trx: TransactionClientContract,
  event: {
    action: StaffAuthAction
    staffId: number | null
    context: StaffAuthContext
    metadata?: Record<string, unknown>
  }
) {
  await trx.rawQuery('select audit_append(?::jsonb)', [
    JSON.stringify({
      actor_type: event.staffId === null ? 'anonymous' : 'staff',
      actor_id: event.staffId === null ? null : String(event.staffId),
      action: event.action,
      subject_type: event.staffId === null ? null : 'staff_user',
      subject_id: event.staffId === null ? null : String(event.staffId),
      ip: event.context.ip ?? null,
      request_id: event.context.requestId ?? null,
      metadata: event.metadata ?? {},
    }),
  ])
}
