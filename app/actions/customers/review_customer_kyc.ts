import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import type { reviewKycValidator } from '#validators/customer'

/**
 * Sets a customer's KYC status (verified / rejected with its reason /
 * back to pending) under a row lock, audited 'customer.kyc.updated' with
 * before and after. KYC status gates money leaving the customer's accounts.
 */
export default class ReviewCustomerKyc {
  async handle(input: {
    customerId: number
    data: Infer<typeof reviewKycValidator>
    staff: StaffUser
    context: RequestContext
  }): Promise<Customer> {
    return db.transaction(async (trx) => {
      const customer = await Customer.query({ client: trx }).where('id', input.customerId).forUpdate().firstOrFail()
      const before = { kycStatus: customer.kycStatus, kycRejectionReason: customer.kycRejectionReason }
      customer.merge({
        kycStatus: input.data.status,
        kycRejectionReason: input.data.status === 'rejected' ? (input.data.reason ?? null) : null,
      })
      await customer.save()
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'customer.kyc.updated',
          subject: { type: 'customer', id: customer.id },
          before,
          after: { kycStatus: customer.kycStatus, kycRejectionReason: customer.kycRejectionReason },
          ...input.context,
        },
        trx
      )
      return customer
    })
  }
}
