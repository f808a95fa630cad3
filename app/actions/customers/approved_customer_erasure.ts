import { inject } from '@adonisjs/core'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import type { CustomerErasurePayload } from '#actions/customers/request_customer_erasure'
import EraseCustomer from '#actions/customers/erase_customer'
import CustomerPrivacyQueries from '#queries/customers/customer_privacy_queries'
import AuditTrail from '#services/audit/audit_trail'
import CustomerNotFoundException from '#exceptions/customer_not_found_exception'
import ErasureAlreadyRequestedException from '#exceptions/erasure_already_requested_exception'

/**
 * Runs an approved 'customers.erasure' in the approval's transaction: the
 * request becomes 'scheduled' with when and why (#domain/privacy/retention:
 * relationship still active → execute_after null; else the end of the
 * retention period), audited 'customer.erasure_scheduled'. When the
 * retention period is already over it is executed at once (EraseCustomer,
 * same transaction); otherwise `node ace privacy:erase-due` executes it
 * once due.
 */
@inject()
export default class ApprovedCustomerErasure implements ApprovalHandler {
  constructor(private erase: EraseCustomer) {}

  async execute({ approval, checker, trx, context }: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = approval.payload as unknown as CustomerErasurePayload
    const request = await trx.from('erasure_requests').where('id', payload.erasureRequestId).forUpdate().first()
    if (!request) throw new CustomerNotFoundException()
    if (request.status !== 'requested') throw new ErasureAlreadyRequestedException(`This erasure request is ${request.status} already.`)
    const state = await new CustomerPrivacyQueries(trx).retention(Number(request.customer_id))
    if (!state) throw new CustomerNotFoundException()

    await trx.from('erasure_requests').where('id', request.id).update({
      status: 'scheduled',
      approved_by: checker.id,
      relationship_ended_at: state.relationshipEndedAt,
      retention_until: state.retentionUntil,
      execute_after: state.executeAfter,
      updated_at: new Date(),
    })
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: checker.id },
        action: 'customer.erasure_scheduled',
        subject: { type: 'customer', id: Number(request.customer_id) },
        after: {
          erasure_request_id: String(request.id),
          execute_after: state.executeAfter?.toISOString() ?? null,
          retention: state.reason,
        },
        metadata: { approval_id: String(approval.id) },
        ...context,
      },
      trx
    )
    const executed =
      state.kind === 'due' &&
      (await this.erase.handle({ erasureRequestId: Number(request.id), actor: { type: 'staff', id: checker.id }, context, trx }))
    return {
      erasureRequestId: Number(request.id),
      customerId: Number(request.customer_id),
      executeAfter: state.executeAfter?.toISOString() ?? null,
      executed,
      retention: state.reason,
    }
  }
}
