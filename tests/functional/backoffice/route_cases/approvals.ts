import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { pendingRoleChange, pendingTwoFactorReset } from '#tests/helpers/approvals'

/** Matrix cases for start/routes/backoffice/approvals.ts (approvals made by `maker`, never the checker) */
export const approvalsRoutes: RouteCase[] = [
  {
    route: 'backoffice.approvals.index',
    permission: 'approvals.view',
    request: async () => ({ method: 'get', url: '/backoffice/approvals?status=pending&kind=staff.role_change&sort=kind&direction=desc' }),
  },
  {
    route: 'backoffice.approvals.show',
    permission: 'approvals.view',
    request: async ({ maker }) => {
      const { approval } = await pendingRoleChange(maker)
      return { method: 'get', url: `/backoffice/approvals/${approval.id}` }
    },
  },
  {
    route: 'backoffice.approvals.approve',
    permission: 'approvals.decide_staff',
    request: async ({ maker }) => {
      const { approval } = await pendingTwoFactorReset(maker)
      return { method: 'post', url: `/backoffice/approvals/${approval.id}/approve`, form: { reason: 'Checked by phone' } }
    },
  },
  {
    route: 'backoffice.approvals.reject',
    permission: 'approvals.decide_staff',
    request: async ({ maker }) => {
      const { approval } = await pendingRoleChange(maker)
      return { method: 'post', url: `/backoffice/approvals/${approval.id}/reject`, form: { reason: 'Not agreed with HR' } }
    },
  },
]
