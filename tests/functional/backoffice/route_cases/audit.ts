import AuditTrail from '#services/audit/audit_trail'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

/** Matrix cases for start/routes/backoffice/audit.ts */
export const auditRoutes: RouteCase[] = [
  {
    route: 'backoffice.audit.index',
    permission: 'audit.view',
    request: async () => ({ method: 'get', url: '/backoffice/audit?actorType=staff&action=approval.&perPage=10' }),
  },
  {
    route: 'backoffice.audit.show',
    permission: 'audit.view',
    request: async ({ maker }) => {
      const id = await AuditTrail.record({ actor: { type: 'staff', id: maker.id }, action: 'test.matrix.viewed' })
      return { method: 'get', url: `/backoffice/audit/${id}` }
    },
  },
  {
    route: 'backoffice.audit.verify',
    permission: 'audit.verify',
    request: async () => ({ method: 'post', url: '/backoffice/audit/verify', form: {} }),
  },
]
