import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ApprovalKind } from '#domain/approvals/approval_kinds'
import type { AuditRequestContext } from '#services/audit/audit_trail'
import type Approval from '#models/approval'
import type StaffUser from '#models/staff_user'

export interface ApprovalExecution {
  approval: Approval
  /** The maker: the action is booked in their name, approved by the checker */
  maker: StaffUser
  checker: StaffUser
  trx: TransactionClientContract
  context: AuditRequestContext
}

/**
 * Executes an approved request inside the approval's transaction and
 * returns what to store as its result (ids of what was booked). It must
 * not open its own transaction nor commit: a throw rolls back everything,
 * and the approval stays pending.
 */
export interface ApprovalHandler {
  execute(execution: ApprovalExecution): Promise<Record<string, unknown>>
}

type HandlerModule = { default: new () => ApprovalHandler }

/** The action each kind runs once approved, loaded lazily */
export const APPROVAL_HANDLERS: Record<ApprovalKind, () => Promise<HandlerModule>> = {
  'ledger.reversal': () => import('#actions/ledger/approved_reversal'),
  'ledger.adjustment': () => import('#actions/ledger/approved_adjustment'),
  'ledger.deposit': () => import('#actions/ledger/approved_cash_posting'),
  'ledger.withdrawal': () => import('#actions/ledger/approved_cash_posting'),
  'ledger.transfer': () => import('#actions/ledger/approved_transfer'),
  'customers.payment_limits': () => import('#actions/payments/approved_payment_limits'),
  'staff.role_change': () => import('#actions/staff/approved_role_change'),
  'staff.reset_2fa': () => import('#actions/staff/approved_two_factor_reset'),
  'staff.invite': () => import('#actions/staff/approved_staff_invitation'),
  'staff.reactivate': () => import('#actions/staff/approved_staff_reactivation'),
}
