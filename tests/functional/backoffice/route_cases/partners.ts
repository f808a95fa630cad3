import { randomUUID } from 'node:crypto'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import { partnerWithConsent, registrationForm } from '#tests/helpers/partners'

/**
 * Matrix cases for start/routes/backoffice/partners.ts (partners.view,
 * partners.register, partners.suspend, consents.revoke). Each builds a
 * fresh partner; the allowed registration and reactivation only file
 * four-eyes requests.
 */
export const partnersRoutes: RouteCase[] = [
  {
    route: 'backoffice.partners.index',
    permission: 'partners.view',
    request: async () => {
      await partnerWithConsent({ accessCount: 0 })
      return { method: 'get', url: '/backoffice/partners?status=active&page=1' }
    },
  },
  {
    route: 'backoffice.partners.show',
    permission: 'partners.view',
    request: async () => {
      const { partner, consent } = await partnerWithConsent()
      return { method: 'get', url: `/backoffice/partners/${partner.id}?consent=${consent.id}&log_page=1` }
    },
  },
  {
    route: 'backoffice.partners.create',
    permission: 'partners.register',
    request: async () => ({ method: 'get', url: '/backoffice/partners/create' }),
  },
  {
    route: 'backoffice.partners.store',
    permission: 'partners.register',
    request: async () => ({ method: 'post', url: '/backoffice/partners', form: registrationForm() }),
  },
  {
    route: 'backoffice.partners.suspend',
    permission: 'partners.suspend',
    request: async () => {
      const { partner } = await partnerWithConsent({ accessCount: 0 })
      return { method: 'post', url: `/backoffice/partners/${partner.id}/suspend`, form: { reason: 'Contract ended' } }
    },
  },
  {
    route: 'backoffice.partners.reactivate',
    permission: 'partners.suspend',
    request: async () => {
      const { partner } = await partnerWithConsent({ suspended: true, accessCount: 0 })
      return { method: 'post', url: `/backoffice/partners/${partner.id}/reactivate`, form: { idempotency_key: randomUUID() } }
    },
  },
  {
    route: 'backoffice.partners.consents.revoke',
    permission: 'consents.revoke',
    request: async () => {
      const { partner, consent } = await partnerWithConsent({ accessCount: 0 })
      return {
        method: 'post',
        url: `/backoffice/partners/${partner.id}/consents/${consent.id}/revoke`,
        form: { reason: 'Customer asked by phone' },
      }
    },
  },
]
