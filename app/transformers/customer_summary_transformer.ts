import { BaseTransformer } from '@adonisjs/core/transformers'
import type Customer from '#models/customer'
import AccountSummaryTransformer from '#transformers/account_summary_transformer'

/** A customer row of the backoffice dashboard, with its accounts */
export default class CustomerSummaryTransformer extends BaseTransformer<Customer> {
  toObject() {
    return {
      id: this.resource.id,
      customerNumber: this.resource.customerNumber,
      fullName: this.resource.fullName,
      email: this.resource.email,
      kycStatus: this.resource.kycStatus,
      status: this.resource.status,
      accounts: AccountSummaryTransformer.transform(this.resource.accounts ?? []),
    }
  }
}
