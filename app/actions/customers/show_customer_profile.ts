import { inject } from '@adonisjs/core'
import Customer from '#models/customer'
import CustomerActivityQueries from '#queries/customers/customer_activity_queries'
import { DEPOSIT_ACCOUNT_KINDS } from '#domain/ledger/account_kinds'

/** A customer with its accounts and its 10 latest ledger entries, for the backoffice */
@inject()
export default class ShowCustomerProfile {
  constructor(private activity: CustomerActivityQueries) {}

  async handle({ customerId }: { customerId: number }) {
    const customer = await Customer.query()
      .where('id', customerId)
      .preload('accounts', (accounts) => accounts.whereIn('kind', [...DEPOSIT_ACCOUNT_KINDS]).orderBy('id'))
      .firstOrFail()
    const recentActivity = await this.activity.recentEntries(customer.id, 10)
    return { customer, recentActivity }
  }
}
