import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import StaffUser, { type StaffRole } from '#models/staff_user'
import type Customer from '#models/customer'

/**
 * The backoffice dashboard (customers, accounts, balances). Deny by
 * default: only active staff with a listed role; never a customer (the
 * API guard's users) or a guest.
 */
const DASHBOARD_VIEWERS: readonly StaffRole[] = ['admin', 'teller', 'loan_officer', 'compliance', 'auditor']

export default class DashboardPolicy extends BasePolicy {
  before(user: StaffUser | Customer | null) {
    if (!(user instanceof StaffUser) || !user.isActive) return false
  }

  view(user: StaffUser | Customer): AuthorizerResponse {
    return user instanceof StaffUser && DASHBOARD_VIEWERS.includes(user.role)
  }
}
