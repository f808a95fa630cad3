import router from '@adonisjs/core/services/router'
import type StaffUser from '#models/staff_user'
import { type Permission, roleCan } from '#domain/staff/permissions'

interface NavEntry {
  section: 'Operations' | 'Oversight' | 'Administration'
  label: string
  route: string
  permission: Permission
}

/**
 * The sidebar, by role: an entry shows only to a role the permission
 * matrix allows (the same check the pages' policies make).
 */
const ENTRIES: NavEntry[] = [
  { section: 'Operations', label: 'Dashboard', route: 'backoffice.dashboard', permission: 'dashboard.view' },
  { section: 'Operations', label: 'Customers', route: 'backoffice.customers.index', permission: 'customers.view' },
  { section: 'Operations', label: 'Teller', route: 'backoffice.teller.index', permission: 'teller.deposit' },
  { section: 'Operations', label: 'Approvals', route: 'backoffice.approvals.index', permission: 'approvals.view' },
  { section: 'Operations', label: 'Loans', route: 'backoffice.loans.index', permission: 'loans.view' },
  { section: 'Oversight', label: 'Loan portfolio', route: 'backoffice.loans.portfolio', permission: 'loans.view' },
  { section: 'Oversight', label: 'Alerts', route: 'backoffice.risk.alerts.index', permission: 'risk.alerts.view' },
  { section: 'Oversight', label: 'Audit trail', route: 'backoffice.audit.index', permission: 'audit.view' },
  { section: 'Oversight', label: 'Partners', route: 'backoffice.partners.index', permission: 'partners.view' },
  { section: 'Administration', label: 'Staff & roles', route: 'backoffice.staff.index', permission: 'staff.view' },
  { section: 'Administration', label: 'Job queue', route: 'backoffice.queue.index', permission: 'queue.view' },
  { section: 'Administration', label: 'Risk settings', route: 'backoffice.risk.settings.show', permission: 'risk.configure' },
  { section: 'Administration', label: 'Loan products', route: 'backoffice.loan_products.index', permission: 'loans.view' },
]

function urlOf(route: string): string | null {
  try {
    return router.urlBuilder.urlFor(route as any)
  } catch {
    return null
  }
}

export function navigationFor(staff: StaffUser | null) {
  if (!staff) return []
  return ENTRIES.filter((entry) => roleCan(staff.role, entry.permission))
    .map((entry) => ({ section: entry.section, label: entry.label, href: urlOf(entry.route) }))
    .filter((entry): entry is { section: NavEntry['section']; label: string; href: string } => entry.href !== null)
}

/** URLs of the shell itself (home, sign-out, own account settings) */
export function shellUrls() {
  return {
    home: urlOf('backoffice.dashboard') ?? '/backoffice',
    logout: urlOf('backoffice.session.destroy') ?? '/backoffice/logout',
    profile: urlOf('backoffice.profile.show'),
  }
}
