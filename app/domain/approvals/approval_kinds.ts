import type { Permission } from '#domain/staff/permissions'

/**
 * What needs a second person (ARCHITECTURE §4), and which permission the
 * checker must hold. The maker needs the permission of the underlying
 * action (ledger.reverse, staff.manage ...); the checker needs `decidedWith`
 * and must not be the maker.
 */
export const APPROVAL_KINDS = {
  'ledger.reversal': { label: 'Reversal', decidedWith: 'approvals.decide_money' },
  'ledger.adjustment': { label: 'Manual adjustment', decidedWith: 'approvals.decide_money' },
  'ledger.deposit': { label: 'Large cash deposit', decidedWith: 'approvals.decide_money' },
  'ledger.withdrawal': { label: 'Large cash withdrawal', decidedWith: 'approvals.decide_money' },
  'ledger.transfer': { label: 'Large transfer', decidedWith: 'approvals.decide_money' },
  'customers.payment_limits': { label: 'Raise payment limits', decidedWith: 'approvals.decide_money' },
  'staff.role_change': { label: 'Role change', decidedWith: 'approvals.decide_staff' },
  'staff.reset_2fa': { label: 'Two-factor reset', decidedWith: 'approvals.decide_staff' },
  'staff.invite': { label: 'Staff invitation', decidedWith: 'approvals.decide_staff' },
  'staff.reactivate': { label: 'Staff reactivation', decidedWith: 'approvals.decide_staff' },
  'risk.hold_settlement': { label: 'Settle a large held payment', decidedWith: 'risk.holds.settle' },
  'risk.configuration_change': { label: 'Risk configuration change', decidedWith: 'risk.configure' },
  'openbanking.partner_registration': { label: 'Partner registration', decidedWith: 'partners.register' },
  'openbanking.partner_reactivation': { label: 'Partner reactivation', decidedWith: 'partners.suspend' },
  'loans.product_change': { label: 'Loan product change', decidedWith: 'loans.products' },
  'loans.approval': { label: 'Large loan approval (second officer)', decidedWith: 'loans.review' },
  'loans.write_off': { label: 'Loan write-off', decidedWith: 'approvals.decide_money' },
  'loans.repayment_reversal': { label: 'Reversal of a loan repayment', decidedWith: 'approvals.decide_money' },
  'customers.erasure': { label: "Erasure of a customer's personal data", decidedWith: 'customers.erase' },
} as const satisfies Record<string, { label: string; decidedWith: Permission }>

export type ApprovalKind = keyof typeof APPROVAL_KINDS

export const APPROVAL_KIND_NAMES = Object.keys(APPROVAL_KINDS) as ApprovalKind[]

export type ApprovalStatus = 'pending' | 'approved' | 'rejected'
