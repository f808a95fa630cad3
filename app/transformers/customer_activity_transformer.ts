import { BaseTransformer } from '@adonisjs/core/transformers'
import type { CustomerActivityLine } from '#queries/customers/customer_activity_queries'

/** One recent ledger entry on a customer's page; the amount as a decimal string */
export default class CustomerActivityTransformer extends BaseTransformer<CustomerActivityLine> {
  toObject() {
    const entry = this.resource
    return {
      id: entry.entryId,
      transactionId: entry.transactionId,
      accountId: entry.accountId,
      accountNumber: entry.accountNumber,
      kind: entry.kind,
      direction: entry.direction,
      amount: { amount: entry.amount.toDecimalString(), currency: entry.amount.currency },
      reference: entry.reference,
      bookedAt: entry.bookedAt,
    }
  }
}
