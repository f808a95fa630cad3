/**
 * The backoffice permission matrix (role × action), written once. Bouncer
 * policies ask `roleCan()`, the Inertia `can` flags come from those
 * policies, the README table is rendered from `PERMISSION_MATRIX` and the
 * role × route tests are generated from it (tests/functional/backoffice/
 * permission_matrix.spec.ts). Deny by default: a permission not listed
 * here, or a role not listed for it, is refused.
 */
import { STAFF_ROLES, type StaffRole } from '#domain/staff/roles'

/** The roles and their labels live in roles.ts (the pages import it too) */
export { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '#domain/staff/roles'

const ALL: readonly StaffRole[] = STAFF_ROLES

export const PERMISSION_MATRIX = {
  'dashboard.view': { roles: ALL, label: 'See the dashboard' },
  'customers.view': { roles: ALL, label: 'Search and view customers' },
  'customers.view_pii': {
    roles: ['admin', 'compliance', 'auditor'],
    label: "Reveal a customer's sensitive identifiers (audited)",
  },
  'customers.create': { roles: ['admin', 'teller'], label: 'Create customers' },
  'customers.update': { roles: ['admin', 'teller', 'compliance'], label: 'Edit customer details' },
  'customers.kyc': { roles: ['admin', 'compliance'], label: 'Set KYC status' },
  'customers.payment_limits': {
    roles: ['admin', 'teller', 'compliance'],
    label: "Change a customer's payment limits (lowering at once, raising four-eyes)",
  },
  'customers.documents': {
    roles: ['admin', 'teller', 'compliance'],
    label: 'Upload KYC documents',
  },
  'customers.documents_view': {
    roles: ['admin', 'teller', 'compliance', 'auditor'],
    label: 'Download KYC documents',
  },
  'customers.export': {
    roles: ['admin', 'compliance'],
    label: 'Export everything held about a customer for an access request, and download it (audited)',
  },
  'customers.erase': {
    roles: ['admin', 'compliance'],
    label: "Request or approve the erasure of a customer's personal data (four-eyes, executed after the retention period)",
  },
  'accounts.view': { roles: ALL, label: 'View accounts and statements' },
  'accounts.export': {
    roles: ['admin', 'teller', 'compliance', 'auditor'],
    label: 'Export statements (CSV)',
  },
  'accounts.open': { roles: ['admin', 'teller'], label: 'Open accounts' },
  'accounts.freeze': { roles: ['admin', 'compliance'], label: 'Freeze / unfreeze accounts' },
  'accounts.close': { roles: ['admin', 'teller'], label: 'Close accounts (zero balance)' },
  'teller.deposit': { roles: ['admin', 'teller'], label: 'Cash deposits' },
  'teller.withdraw': { roles: ['admin', 'teller'], label: 'Cash withdrawals' },
  'teller.transfer': { roles: ['admin', 'teller'], label: 'Transfers between accounts' },
  'ledger.reverse': {
    roles: ['admin', 'teller'],
    label: 'Request a reversal (four-eyes)',
  },
  'ledger.adjust': {
    roles: ['admin', 'compliance'],
    label: 'Request a manual ledger adjustment (four-eyes)',
  },
  'approvals.view': { roles: ALL, label: 'See the approvals inbox' },
  'approvals.decide_money': {
    roles: ['admin', 'compliance'],
    label: 'Approve or reject reversals, adjustments and large postings',
  },
  'approvals.decide_staff': {
    roles: ['admin'],
    label: 'Approve or reject invitations, reactivations, role changes and 2FA resets',
  },
  'audit.view': { roles: ['admin', 'compliance', 'auditor'], label: 'Browse the audit trail' },
  'audit.verify': { roles: ['admin', 'auditor'], label: 'Run the audit chain verification' },
  'staff.view': { roles: ['admin'], label: 'See staff and roles' },
  'staff.manage': {
    roles: ['admin'],
    label: 'Deactivate staff; request invitations, reactivations, role changes and 2FA resets (four-eyes)',
  },
  'dev.mail': { roles: ['admin'], label: 'Browse captured mail (development only; no such page in production)' },
  'queue.view': { roles: ['admin'], label: 'See the job queue: depth, failures and dead letters' },
  'queue.retry': { roles: ['admin'], label: 'Retry failed jobs and dead letters (audited)' },
  'risk.alerts.view': { roles: ['admin', 'compliance', 'auditor'], label: 'See the compliance alert queue and alerts' },
  'risk.alerts.work': {
    roles: ['admin', 'compliance'],
    label: 'Work alerts: assign, note, freeze / unfreeze the account, dismiss, confirm, escalate (audited)',
  },
  'risk.holds.settle': {
    roles: ['admin', 'compliance'],
    label: 'Capture or release a payment held for review (four-eyes above the posting limit)',
  },
  'risk.configure': {
    roles: ['admin'],
    label: 'Change the anomaly rules and typologies (four-eyes: another administrator approves)',
  },
  'partners.view': {
    roles: ['admin', 'compliance', 'auditor'],
    label: "See partner fintechs, their consents and each consent's access log",
  },
  'partners.register': {
    roles: ['admin'],
    label: 'Register a partner fintech (four-eyes: another administrator approves)',
  },
  'partners.suspend': {
    roles: ['admin'],
    label: "Suspend a partner at once (its tokens stop working); request its reactivation (four-eyes)",
  },
  'consents.revoke': {
    roles: ['admin', 'compliance'],
    label: "Revoke a partner's consent: its tokens stop working (audited)",
  },
  'loans.view': { roles: ALL, label: 'See loan applications, loans, their schedules and the loan portfolio' },
  'loans.apply': {
    roles: ['admin', 'teller', 'loan_officer'],
    label: "Submit or withdraw a loan application on a customer's behalf, attach its documents (at a branch)",
  },
  'loans.review': {
    roles: ['admin', 'loan_officer'],
    label: "Review loan applications: note, approve or reject (a second officer above the product's threshold)",
  },
  'loans.disburse': { roles: ['admin', 'loan_officer'], label: 'Disburse an approved loan into the borrower’s account' },
  'loans.products': {
    roles: ['admin'],
    label: 'Create and change loan products (four-eyes: another administrator publishes)',
  },
  'loans.repay': {
    roles: ['admin', 'teller', 'loan_officer'],
    label: "Take a loan repayment or payoff from the borrower's account at a branch",
  },
  'loans.write_off': { roles: ['admin', 'loan_officer'], label: 'Request a loan write-off (four-eyes)' },
} as const satisfies Record<string, { roles: readonly StaffRole[]; label: string }>

export type Permission = keyof typeof PERMISSION_MATRIX

export const PERMISSIONS = Object.keys(PERMISSION_MATRIX) as Permission[]

export function roleCan(role: StaffRole | null | undefined, permission: Permission): boolean {
  if (!role) return false
  const entry = PERMISSION_MATRIX[permission] as { roles: readonly StaffRole[] } | undefined
  return entry !== undefined && entry.roles.includes(role)
}

/** Every permission a role holds, for the navigation shown to it */
export function permissionsOf(role: StaffRole): Permission[] {
  return PERMISSIONS.filter((permission) => roleCan(role, permission))
}
