import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import CustomerPrivacyPolicy from '#policies/customer_privacy_policy'
import CustomerPrivacyQueries from '#queries/customers/customer_privacy_queries'
import { listStoredExports } from '#services/privacy/customer_export_store'

/**
 * The customer page's privacy panel (exports and erasure), for compliance
 * and administrators only: null for a role with neither permission. The
 * erasure state says why a request waits, computed now from the customer's
 * accounts and loans (#domain/privacy/retention).
 */
export async function customerPrivacyProps(ctx: HttpContext, customer: { id: number; residencyRegion: string }) {
  const policy = ctx.bouncer.with(CustomerPrivacyPolicy)
  const can = { export: await policy.allows('export'), erase: await policy.allows('erase') }
  if (!can.export && !can.erase) return null
  const queries = new CustomerPrivacyQueries()
  const [latest] = await queries.erasureRequestsWithApproval(customer.id)
  const retention = await queries.retention(customer.id)
  const exports = can.export ? await listStoredExports(customer.residencyRegion, customer.id) : []
  return {
    can,
    exports: exports.map((stored) => ({
      ...stored,
      url: router.builder().params({ id: customer.id, exportId: stored.exportId }).make('backoffice.customers.exports.show'),
    })),
    erasure: latest
      ? {
          id: Number(latest.id),
          status: latest.status as string,
          approvalStatus: (latest.approval_status as string | null) ?? null,
          reason: latest.reason as string,
          executeAfter: latest.execute_after ? new Date(latest.execute_after).toISOString() : null,
          executedAt: latest.executed_at ? new Date(latest.executed_at).toISOString() : null,
          retention: latest.status === 'executed' || latest.status === 'cancelled' ? null : (retention?.reason ?? null),
        }
      : null,
    /** what a request filed now would wait for */
    retention: retention?.reason ?? null,
    erasureKey: randomUUID(),
    urls: {
      createExport: router.builder().params({ id: customer.id }).make('backoffice.customers.exports.store'),
      requestErasure: router.builder().params({ id: customer.id }).make('backoffice.customers.erasure.store'),
    },
  }
}

export type CustomerPrivacyProps = Awaited<ReturnType<typeof customerPrivacyProps>>
