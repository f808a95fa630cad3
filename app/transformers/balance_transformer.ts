import { BaseTransformer } from '@adonisjs/core/transformers'
import type { Money } from '#domain/money/money'

/** Booked and available balances of an account */
export default class BalanceTransformer extends BaseTransformer<{
  accountId: number
  balance: Money
  available: Money
}> {
  toObject() {
    const { accountId, balance, available } = this.resource
    return {
      accountId: String(accountId),
      booked: { amount: balance.toDecimalString(), currency: balance.currency },
      available: { amount: available.toDecimalString(), currency: available.currency },
    }
  }
}
