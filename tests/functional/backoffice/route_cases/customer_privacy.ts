import { randomUUID } from 'node:crypto'
import type { RouteCase } from '#tests/functional/backoffice/route_cases/types'
import ExportCustomerData from '#actions/customers/export_customer_data'
import { NO_REQUEST } from '#domain/audit/actor'
import { plainCustomer } from '#tests/helpers/customers'

/** Matrix cases for start/routes/backoffice/customer_privacy.ts */
export const customerPrivacyRoutes: RouteCase[] = [
  {
    route: 'backoffice.customers.exports.store',
    permission: 'customers.export',
    request: async () => {
      const { customerId } = await plainCustomer()
      return { method: 'post', url: `/backoffice/customers/${customerId}/exports`, form: {} }
    },
  },
  {
    route: 'backoffice.customers.exports.show',
    permission: 'customers.export',
    request: async () => {
      const { customerId } = await plainCustomer()
      const { exportId } = await new ExportCustomerData().handle({ customerId, actor: { type: 'system' }, context: NO_REQUEST })
      return { method: 'get', url: `/backoffice/customers/${customerId}/exports/${exportId}` }
    },
  },
  {
    route: 'backoffice.customers.erasure.store',
    permission: 'customers.erase',
    request: async () => {
      const { customerId } = await plainCustomer()
      return {
        method: 'post',
        url: `/backoffice/customers/${customerId}/erasure`,
        form: { reason: 'The customer asked for erasure', idempotencyKey: randomUUID() },
      }
    },
  },
]
