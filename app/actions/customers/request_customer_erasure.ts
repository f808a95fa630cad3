import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { AuthorizationResponse, errors as bouncerErrors } from '@adonisjs/bouncer'
import Approval from '#models/approval'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import AuditTrail from '#services/audit/audit_trail'
import { roleCan } from '#domain/staff/permissions'
import type { RequestContext } from '#domain/audit/actor'
import CustomerNotFoundException from '#exceptions/customer_not_found_exception'
import ErasureAlreadyRequestedException from '#exceptions/erasure_already_requested_exception'
import ReasonRequiredException from '#exceptions/reason_required_exception'

/** Payload of a 'customers.erasure' approval (no personal data: the customer by id and number) */
export interface CustomerErasurePayload {
  erasureRequestId: number
  customerId: number
  customerNumber: string
  reason: string
}

/**
 * Four-eyes: files an erasure request for a customer (status 'requested')
 * and its 'customers.erasure' approval; ApprovedCustomerErasure schedules
 * it once another compliance officer or administrator (never the maker)
 * approves. Erasure is irreversible, hence the second person. The maker
 * needs customers.erase and a reason. One open request per customer: the
 * customer row is locked while it is looked for; a request whose approval
 * was rejected is closed ('cancelled') first. A resubmitted form (same
 * maker and key) returns its request.
 * Throws: E_AUTHORIZATION_FAILURE (403), ReasonRequired (422),
 * CustomerNotFound (404), ErasureAlreadyRequested (409).
 */
@inject()
export default class RequestCustomerErasure {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: { customerId: number; reason: string; idempotencyKey: string; staff: StaffUser; context: RequestContext }) {
    if (!roleCan(input.staff.role, 'customers.erase')) throw new bouncerErrors.E_AUTHORIZATION_FAILURE(AuthorizationResponse.deny())
    const reason = (input.reason ?? '').trim()
    if (reason === '') throw new ReasonRequiredException()
    return db.transaction(async (trx) => {
      const mine = await Approval.query({ client: trx })
        .where('makerId', input.staff.id)
        .where('idempotencyKey', input.idempotencyKey)
        .first()
      if (mine) return { approval: mine, replayed: true }
      const customer = await trx.from('customers').where('id', input.customerId).forUpdate().select('id', 'customer_number').first()
      if (!customer) throw new CustomerNotFoundException()

      await trx
        .from('erasure_requests')
        .where('customer_id', customer.id)
        .where('status', 'requested')
        .whereIn('approval_id', trx.from('approvals').where('status', 'rejected').select('id'))
        .update({ status: 'cancelled', cancelled_at: new Date(), updated_at: new Date() })
      const open = await trx.from('erasure_requests').where('customer_id', customer.id).whereIn('status', ['requested', 'scheduled']).first()
      if (open) throw new ErasureAlreadyRequestedException()

      const [row] = await trx
        .table('erasure_requests')
        .insert({ customer_id: customer.id, requested_by: input.staff.id, reason, status: 'requested' })
        .returning('id')
      const erasureRequestId = Number(row.id)
      const payload: CustomerErasurePayload = {
        erasureRequestId,
        customerId: Number(customer.id),
        customerNumber: customer.customer_number,
        reason,
      }
      const result = await this.requestApproval.handle({
        kind: 'customers.erasure',
        summary: `Erase the personal data of customer ${customer.customer_number} (irreversible; executed once the retention period has ended). ${reason}`,
        payload: { ...payload },
        subject: { type: 'customer', id: customer.id },
        maker: input.staff,
        makerReason: reason,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
        trx,
      })
      await trx.from('erasure_requests').where('id', erasureRequestId).update({ approval_id: result.approval.id })
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'customer.erasure_requested',
          subject: { type: 'customer', id: customer.id },
          after: { erasure_request_id: String(erasureRequestId), approval_id: String(result.approval.id) },
          ...input.context,
        },
        trx
      )
      return result
    })
  }
}
