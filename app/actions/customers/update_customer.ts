import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import type { SensitiveField } from '#domain/customers/customer_record'
import type { updateCustomerValidator } from '#validators/customer'
import { auditSnapshot, customerAttributes, isEmailTaken, publicSnapshot, sensitiveValues } from '#actions/customers/customer_attributes'
import CustomerEmailTakenException from '#exceptions/customer_email_taken_exception'
import { assertSameRegion, customerRegion } from '#services/residency/region_drive'

/**
 * Edits a customer's details under a row lock, with one audit row
 * 'customer.updated': before/after of the non-sensitive fields that
 * changed (name and email sealed under the customer's key), and the names (never the values) of sensitive fields that changed.
 */
export default class UpdateCustomer {
  async handle(input: {
    customerId: number
    data: Infer<typeof updateCustomerValidator>
    staff: StaffUser
    context: RequestContext
  }): Promise<Customer> {
    /* residency: a customer's region never changes (that would move the data to another region): refused, audited */
    if (input.data.residencyRegion !== undefined) {
      await assertSameRegion({
        customerRegion: await customerRegion(input.customerId),
        targetRegion: input.data.residencyRegion,
        operation: 'customer.region.change',
        actor: { type: 'staff', id: input.staff.id },
        context: input.context,
        subject: { type: 'customer', id: input.customerId },
      })
    }
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
            before: await auditSnapshot(customer.id, Object.fromEntries(changed.map((k) => [k, before[k]])), trx),
            after: await auditSnapshot(customer.id, Object.fromEntries(changed.map((k) => [k, after[k]])), trx),
            metadata: { sensitiveChanged },
            ...input.context,
          },
          trx
        )
        return customer
      })
    } catch (error: any) {
      if (isEmailTaken(error)) throw new CustomerEmailTakenException()
      throw error
    }
  }
}
