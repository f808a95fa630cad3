import { BaseTransformer } from '@adonisjs/core/transformers'
import type Customer from '#models/customer'

/** A customer's sensitive identifiers in clear: only after an audited reveal */
export default class CustomerPiiTransformer extends BaseTransformer<Customer> {
  toObject() {
    const { phone, dateOfBirth, address, nationalId } = this.resource
    return {
      phone: phone ?? null,
      nationalId: nationalId ?? null,
      dateOfBirth: dateOfBirth?.toISODate() ?? null,
      address: address
        ? {
            line1: address.line1,
            line2: address.line2 ?? null,
            city: address.city,
            postcode: address.postcode,
            country: address.country,
          }
        : null,
    }
  }
}
