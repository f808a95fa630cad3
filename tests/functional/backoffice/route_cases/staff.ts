import { randomUUID } from 'node:crypto'
import mail from '@adonisjs/mail/services/main'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { createStaff } from '#tests/helpers/staff'

/** Matrix cases for start/routes/backoffice/staff.ts (admins: staff.view / staff.manage) */
export const staffRoutes: RouteCase[] = [
  {
    route: 'backoffice.staff.index',
    permission: 'staff.view',
    request: async () => ({ method: 'get', url: '/backoffice/staff?q=staff&sort=email&direction=desc' }),
  },
  {
    route: 'backoffice.staff.show',
    permission: 'staff.view',
    request: async () => {
      const { staff } = await createStaff({ role: 'teller', enrolled: true })
      return { method: 'get', url: `/backoffice/staff/${staff.id}` }
    },
  },
  {
    route: 'backoffice.staff.create',
    permission: 'staff.manage',
    request: async () => ({ method: 'get', url: '/backoffice/staff/create' }),
  },
  {
    route: 'backoffice.staff.store',
    permission: 'staff.manage',
    request: async () => {
      mail.fake() // nothing is sent before approval anyway (four-eyes request)
      const tag = randomUUID().slice(0, 8)
      return {
        method: 'post',
        url: '/backoffice/staff',
        form: { full_name: `Invited ${tag}`, email: `invited-${tag}@strongroom.test`, role: 'teller', idempotency_key: randomUUID() },
      }
    },
  },
  {
    route: 'backoffice.staff.deactivate',
    permission: 'staff.manage',
    request: async () => {
      const { staff } = await createStaff({ role: 'teller', enrolled: true })
      return { method: 'post', url: `/backoffice/staff/${staff.id}/deactivate`, form: {} }
    },
  },
  {
    route: 'backoffice.staff.reactivate',
    permission: 'staff.manage',
    request: async () => {
      const { staff } = await createStaff({ role: 'teller', enrolled: true, active: false })
      return { method: 'post', url: `/backoffice/staff/${staff.id}/reactivate`, form: { idempotency_key: randomUUID() } }
    },
  },
  {
    route: 'backoffice.staff.role',
    permission: 'staff.manage',
    request: async () => {
      const { staff } = await createStaff({ role: 'teller', enrolled: true })
      return {
        method: 'post',
        url: `/backoffice/staff/${staff.id}/role`,
        form: { role: 'auditor', reason: 'moves to internal audit', idempotency_key: randomUUID() },
      }
    },
  },
  {
    route: 'backoffice.staff.reset_two_factor',
    permission: 'staff.manage',
    request: async () => {
      const { staff } = await createStaff({ role: 'teller', enrolled: true })
      return {
        method: 'post',
        url: `/backoffice/staff/${staff.id}/reset-two-factor`,
        form: { reason: 'lost phone', idempotency_key: randomUUID() },
      }
    },
  },
]
