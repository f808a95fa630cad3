import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { alertFor, heldPaymentAlert, investigatingAlert } from '#tests/helpers/risk_alerts'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'

const alertUrl = (id: number, step = '') => `/backoffice/risk/alerts/${id}${step ? `/${step}` : ''}`

/** Matrix cases for start/routes/backoffice/risk_alerts.ts (the compliance queue) */
export const riskAlertsRoutes: RouteCase[] = [
  {
    route: 'backoffice.risk.alerts.index',
    permission: 'risk.alerts.view',
    request: async () => ({ method: 'get', url: '/backoffice/risk/alerts' }),
  },
  {
    route: 'backoffice.risk.alerts.show',
    permission: 'risk.alerts.view',
    request: async () => ({ method: 'get', url: alertUrl((await alertFor()).alert.id) }),
  },
  {
    route: 'backoffice.risk.alerts.assign',
    permission: 'risk.alerts.work',
    request: async () => ({ method: 'post', url: alertUrl((await alertFor()).alert.id, 'assign'), form: {} }),
  },
  {
    route: 'backoffice.risk.alerts.note',
    permission: 'risk.alerts.work',
    request: async () => ({ method: 'post', url: alertUrl((await alertFor()).alert.id, 'notes'), form: { note: 'Matrix check' } }),
  },
  ...(['dismiss', 'confirm', 'escalate'] as const).map((step) => ({
    route: `backoffice.risk.alerts.${step}`,
    permission: 'risk.alerts.work' as const,
    request: async ({ maker }: Parameters<RouteCase['request']>[0]) => ({
      method: 'post' as const,
      url: alertUrl((await investigatingAlert(maker)).alert.id, step),
      form: { reason: 'Matrix check' },
    }),
  })),
  {
    route: 'backoffice.risk.alerts.freeze',
    permission: 'risk.alerts.work',
    request: async () => ({ method: 'post', url: alertUrl((await alertFor()).alert.id, 'freeze'), form: { reason: 'Matrix check' } }),
  },
  {
    route: 'backoffice.risk.alerts.unfreeze',
    permission: 'risk.alerts.work',
    request: async () => {
      const { alert, account } = await alertFor()
      await db.from('accounts').where('id', account!.id).update({ status: 'frozen', status_reason: 'fixture' })
      return { method: 'post', url: alertUrl(alert.id, 'unfreeze'), form: { reason: 'Matrix check' } }
    },
  },
  {
    route: 'backoffice.risk.alerts.settle_hold',
    permission: 'risk.holds.settle',
    request: async () => ({
      method: 'post',
      url: alertUrl((await heldPaymentAlert('25.00', '100.00')).alert.id, 'hold'),
      form: { outcome: 'release', reason: 'Matrix check', idempotencyKey: randomUUID() },
    }),
  },
]
