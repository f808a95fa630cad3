import { BaseTransformer } from '@adonisjs/core/transformers'
import type Account from '#models/account'
import type Customer from '#models/customer'
import { Money } from '#domain/money/money'

/** The header of a statement page: the account, its owner and its status */
export default class AccountHeaderTransformer extends BaseTransformer<{ account: Account; owner: Customer | null }> {
  toObject() {
    const { account, owner: customer } = this.resource
    const { currency } = account
    return {
      id: account.id,
      number: account.number,
      name: account.name,
      kind: account.kind,
      currency,
      status: account.status,
      statusReason: account.statusReason ?? null,
      openedAt: account.openedAt?.toISO() ?? null,
      closedAt: account.closedAt?.toISO() ?? null,
      balance: { amount: Money.of(account.balance, currency).toDecimalString(), currency },
      available: { amount: Money.of(account.available, currency).toDecimalString(), currency },
      overdraftLimit: { amount: Money.of(account.overdraftLimit, currency).toDecimalString(), currency },
      customer: customer
        ? { id: customer.id, customerNumber: customer.customerNumber, fullName: customer.fullName }
        : null,
    }
  }
}
