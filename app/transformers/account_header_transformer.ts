import { BaseTransformer } from '@adonisjs/core/transformers'
import type Account from '#models/account'
import { Money } from '#domain/money/money'

/** The header of a statement page: the account, its owner and its status */
export default class AccountHeaderTransformer extends BaseTransformer<Account> {
  toObject() {
    const { currency } = this.resource
    const customer = this.resource.customer
    return {
      id: this.resource.id,
      number: this.resource.number,
      name: this.resource.name,
      kind: this.resource.kind,
      currency,
      status: this.resource.status,
      statusReason: this.resource.statusReason ?? null,
      openedAt: this.resource.openedAt?.toISO() ?? null,
      closedAt: this.resource.closedAt?.toISO() ?? null,
      balance: { amount: Money.of(this.resource.balance, currency).toDecimalString(), currency },
      available: { amount: Money.of(this.resource.available, currency).toDecimalString(), currency },
      overdraftLimit: { amount: Money.of(this.resource.overdraftLimit, currency).toDecimalString(), currency },
      customer: customer
        ? { id: customer.id, customerNumber: customer.customerNumber, fullName: customer.fullName }
        : null,
    }
  }
}
