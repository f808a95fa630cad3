/**
 * The staff roles and their display names, declared once. The model's
 * `role` column, the permission matrix, the validators, the demo bank and
 * the backoffice pages (which import this file) all read them from here.
 * Pure: no imports, so the browser bundle can include it.
 */
export const STAFF_ROLES = ['admin', 'teller', 'loan_officer', 'compliance', 'auditor'] as const

export type StaffRole = (typeof STAFF_ROLES)[number]

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: 'Administrator',
  teller: 'Teller',
  loan_officer: 'Loan officer',
  compliance: 'Compliance',
  auditor: 'Auditor',
}
