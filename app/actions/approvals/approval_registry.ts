import app from '@adonisjs/core/services/app'
import type { ApprovalKind } from '#domain/approvals/approval_kinds'
import type { ApprovalHandler } from '#actions/approvals/approval_handler'

type HandlerModule = { default: new (...args: any[]) => ApprovalHandler }

/**
 * The action each approval kind runs once approved, loaded lazily (a
 * handler pulls in its module's actions) and built by the container.
 * A new kind: add it to #domain/approvals/approval_kinds and here.
 */
const APPROVAL_HANDLERS: Record<ApprovalKind, () => Promise<HandlerModule>> = {
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
  'risk.hold_settlement': () => import('#actions/risk/approved_alert_hold_settlement'),
  'risk.configuration_change': () => import('#actions/risk/approved_risk_configuration_change'),
  'openbanking.partner_registration': () => import('#actions/openbanking/approved_partner_registration'),
  'openbanking.partner_reactivation': () => import('#actions/openbanking/approved_partner_reactivation'),
  'loans.product_change': () => import('#actions/loans/approved_product_change'),
  'loans.approval': () => import('#actions/loans/approved_loan_approval'),
  'loans.write_off': () => import('#actions/loans/approved_loan_write_off'),
  'loans.repayment_reversal': () => import('#actions/loans/approved_repayment_reversal'),
  'customers.erasure': () => import('#actions/customers/approved_customer_erasure'),
}

/** The handler of an approval kind, with its dependencies injected */
export async function approvalHandlerFor(kind: ApprovalKind): Promise<ApprovalHandler> {
  const { default: Handler } = await APPROVAL_HANDLERS[kind]()
  return app.container.make(Handler)
}
