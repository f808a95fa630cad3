import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import EraseCustomer from '#actions/customers/erase_customer'
import CustomerPrivacyQueries from '#queries/customers/customer_privacy_queries'
import { NO_REQUEST } from '#domain/audit/actor'

export interface EraseDueSummary {
  scheduled: number
  executed: number
  waiting: number
  failed: Array<{ erasureRequestId: number; error: string }>
}

/**
 * `privacy:erase-due`: every scheduled erasure request is re-assessed
 * (an account may have closed, or reopened, since it was approved): its
 * relationship_ended_at / retention_until / execute_after are brought up
 * to date, and the ones whose execute_after has passed are executed
 * (EraseCustomer, actor system), each in its own transaction. A failure
 * is reported and the others go on. Idempotent: an executed request is
 * not scheduled any more.
 */
@inject()
export default class EraseDueCustomers {
  constructor(private erase: EraseCustomer) {}

  async handle(now = new Date()): Promise<EraseDueSummary> {
    const requests = await db.from('erasure_requests').where('status', 'scheduled').select('id', 'customer_id').orderBy('id')
    const summary: EraseDueSummary = { scheduled: requests.length, executed: 0, waiting: 0, failed: [] }
    const queries = new CustomerPrivacyQueries()
    for (const request of requests) {
      const id = Number(request.id)
      try {
        const state = await queries.retention(Number(request.customer_id), now)
        if (!state) throw new Error('customer not found')
        await db.from('erasure_requests').where('id', id).where('status', 'scheduled').update({
          relationship_ended_at: state.relationshipEndedAt,
          retention_until: state.retentionUntil,
          execute_after: state.executeAfter,
          updated_at: new Date(),
        })
        if (state.kind !== 'due') {
          summary.waiting++
          continue
        }
        if (await this.erase.handle({ erasureRequestId: id, actor: { type: 'system' }, context: NO_REQUEST })) summary.executed++
      } catch (error: any) {
        logger.error({ erasureRequestId: id, err: error?.message }, 'erasure failed')
        summary.failed.push({ erasureRequestId: id, error: String(error?.message ?? error) })
      }
    }
    return summary
  }
}
