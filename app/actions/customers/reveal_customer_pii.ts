import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { SENSITIVE_FIELDS } from '#domain/customers/customer_record'

/**
 * A staff member reveals a customer's sensitive identifiers (date of
 * birth, phone, address). Looking is itself evidence: one audit row
 * 'customer.pii.viewed' naming the fields, never their values.
 */
export default class RevealCustomerPii {
  async handle(input: { customerId: number; staff: StaffUser; context: RequestContext }): Promise<Customer> {
    return db.transaction(async (trx) => {
      const customer = await Customer.query({ client: trx }).where('id', input.customerId).firstOrFail()
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'customer.pii.viewed',
          subject: { type: 'customer', id: customer.id },
          metadata: { fields: [...SENSITIVE_FIELDS] },
          ...input.context,
        },
        trx
      )
      return customer
    })
  }
}
