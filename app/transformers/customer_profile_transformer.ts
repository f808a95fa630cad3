import { BaseTransformer } from '@adonisjs/core/transformers'
import type Customer from '#models/customer'
import { maskAddress, maskDateOfBirth, maskNationalId, maskPhone } from '#domain/customers/customer_record'

/**
 * A customer in the backoffice: identity, status and KYC, with the
 * sensitive identifiers masked (CustomerPiiTransformer reveals them).
 */
export default class CustomerProfileTransformer extends BaseTransformer<Customer> {
  toObject() {
    const customer = this.resource
    return {
      id: customer.id,
      customerNumber: customer.customerNumber,
      fullName: customer.fullName,
      email: customer.email,
      status: customer.status,
      kycStatus: customer.kycStatus,
      kycRejectionReason: customer.kycRejectionReason,
      /** residency: where this customer's files, backups and exports are kept */
      residencyRegion: customer.residencyRegion,
      createdAt: customer.createdAt.toISO(),
      updatedAt: customer.updatedAt.toISO(),
      masked: {
        phone: maskPhone(customer.phone),
        dateOfBirth: maskDateOfBirth(customer.dateOfBirth?.toISODate() ?? null),
        address: maskAddress(customer.address),
        nationalId: maskNationalId(customer.nationalId),
      },
      /** the customer's data key was destroyed: the personal fields are gone for good */
      personalDataErased: customer.personalDataErased,
    }
  }
}
