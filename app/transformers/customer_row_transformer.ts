import { BaseTransformer } from '@adonisjs/core/transformers'
import type Customer from '#models/customer'
import { customerUrl } from '#controllers/backoffice/customer_urls'

/** A row of the backoffice customer directory (no sensitive identifiers) */
export default class CustomerRowTransformer extends BaseTransformer<Customer> {
  toObject() {
    return {
      id: this.resource.id,
      customerNumber: this.resource.customerNumber,
      fullName: this.resource.fullName,
      email: this.resource.email,
      kycStatus: this.resource.kycStatus,
      status: this.resource.status,
      createdAt: this.resource.createdAt.toISO(),
      accountNumbers: (this.resource.accounts ?? []).map((account) => account.number),
      url: customerUrl('backoffice.customers.show', { id: this.resource.id }),
    }
  }
}
