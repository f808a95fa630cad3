import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import type { SensitiveField } from '#domain/customers/customer_record'
import type { updateCustomerValidator } from '#validators/customer'
import { customerAttributes, publicSnapshot, sensitiveValues } from '#actions/customers/customer_attributes'
import CustomerEmailTakenException from '#exceptions/customer_email_taken_exception'

/**
 * Edits a customer's details under a row lock, with one audit row
 * 'customer.updated': before/after of the non-sensitive fields that
 * changed, and the names (never the values) of sensitive fields that changed.
 */
export default class UpdateCustomer {
  async handle(input: {
    customerId: number
    data: Infer<typeof updateCustomerValidator>
    staff: StaffUser
    context: RequestContext
  }): Promise<Customer> {
    try {
      return await db.transaction(async (trx) => {
        const customer = await Customer.query({ client: trx }).where('id', input.customerId).forUpdate().firstOrFail()
        const before = publicSnapshot(customer)
        const sensitiveBefore = sensitiveValues(customer)
        customer.merge(customerAttributes(input.data))
        await customer.save()

        const after = publicSnapshot(customer)
        const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k])
        const sensitiveAfter = sensitiveValues(customer)
        const sensitiveChanged = (Object.keys(sensitiveAfter) as SensitiveField[]).filter(
          (field) => sensitiveBefore[field] !== sensitiveAfter[field]
        )
        await AuditTrail.record(
          {
            actor: { type: 'staff', id: input.staff.id },
            action: 'customer.updated',
            subject: { type: 'customer', id: customer.id },
            before: Object.fromEntries(changed.map((k) => [k, before[k]])),
            after: Object.fromEntries(changed.map((k) => [k, after[k]])),
            metadata: { sensitiveChanged },
            ...input.context,
          },
          trx
        )
        return customer
      })
    } catch (error: any) {
      if (error?.constraint === 'customers_email_unique') throw new CustomerEmailTakenException()
      throw error
    }
  }
}
