import { Money, InvalidMoneyError } from '#domain/money/money'
import InvalidAmountException from '#exceptions/invalid_amount_exception'

/**
 * A decimal amount typed by staff, in the account's currency: positive and
 * with at most the currency's decimals ("12.5" GBP yes, "12.345" GBP no).
 * Throws InvalidAmountException otherwise.
 */
export function amountIn(decimal: string, currency: string): Money {
  try {
    const amount = Money.fromDecimal(decimal.trim(), currency)
    if (amount.isPositive()) return amount
  } catch (error) {
    if (!(error instanceof InvalidMoneyError)) throw error
  }
  throw new InvalidAmountException(`"${decimal}" is not a positive ${currency} amount.`)
}
