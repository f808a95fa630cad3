import { BaseTransformer } from '@adonisjs/core/transformers'
import type Account from '#models/account'
import { Money } from '#domain/money/money'

/**
 * A customer account line in the backoffice: amounts as decimal strings
 * built from bigint minor units (Money), never through a JS number.
 */
export default class AccountSummaryTransformer extends BaseTransformer<Account> {
  toObject() {
    const { currency } = this.resource
    return {
      id: this.resource.id,
      number: this.resource.number,
      name: this.resource.name,
      kind: this.resource.kind,
      currency,
      status: this.resource.status,
      balance: { amount: Money.of(this.resource.balance, currency).toDecimalString(), currency },
      available: { amount: Money.of(this.resource.available, currency).toDecimalString(), currency },
    }
  }
}
