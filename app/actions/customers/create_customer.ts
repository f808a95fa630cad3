import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import Customer from '#models/customer'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import type StaffUser from '#models/staff_user'
import { formatCustomerNumber } from '#domain/customers/customer_record'
import type { createCustomerValidator } from '#validators/customer'
import { auditSnapshot, customerAttributes, isEmailTaken, publicSnapshot, sensitiveFieldsSet } from '#actions/customers/customer_attributes'
import CustomerEmailTakenException from '#exceptions/customer_email_taken_exception'
import { defaultRegion } from '#services/residency/regions'

/**
 * Creates a customer from the backoffice with the next customer number
 * and an unusable random password (API enrolment is a separate step),
 * and its audit row 'customer.created' in the same transaction. The audit
 * row holds the non-sensitive fields (name and email sealed under the
 * customer's key); sensitive ones only as "set".
 */
export default class CreateCustomer {
  async handle(input: {
    data: Infer<typeof createCustomerValidator>
    staff: StaffUser
    context: RequestContext
  }): Promise<Customer> {
    try {
      return await db.transaction(async (trx) => {
        const { rows } = await trx.rawQuery("select nextval('customer_number_seq') as n")
        const customer = new Customer().useTransaction(trx)
        customer.merge({
          ...customerAttributes(input.data),
          customerNumber: formatCustomerNumber(rows[0].n),
          password: randomBytes(32).toString('base64url'),
          kycStatus: 'pending',
          kycDocuments: [],
          status: 'active',
          residencyRegion: input.data.residencyRegion ?? defaultRegion(),
        })
        await customer.save()
        await AuditTrail.record(
          {
            actor: { type: 'staff', id: input.staff.id },
            action: 'customer.created',
            subject: { type: 'customer', id: customer.id },
            after: await auditSnapshot(customer.id, publicSnapshot(customer), trx),
            metadata: { sensitiveFieldsSet: sensitiveFieldsSet(customer), residencyRegion: customer.residencyRegion },
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
