import { AuditEventFactory } from '#database/factories/audit_event_factory'
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
      const event = await AuditEventFactory.merge({ actorType: 'staff', actorId: String(maker.id), action: 'test.matrix.viewed' }).create()
      return { method: 'get', url: `/backoffice/audit/${event.id}` }
    },
  },
  {
    route: 'backoffice.audit.verify',
    permission: 'audit.verify',
    request: async () => ({ method: 'post', url: '/backoffice/audit/verify', form: {} }),
  },
]
