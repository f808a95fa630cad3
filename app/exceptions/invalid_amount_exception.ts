import { DomainException } from '#exceptions/domain_exception'
import { InvalidMoneyError, Money } from '#domain/money/money'

export default class InvalidAmountException extends DomainException {
  static status = 422
  static code = 'E_INVALID_AMOUNT'
  static title = 'Invalid amount'
  static message = 'The amount must be positive, in a supported currency, with at most its number of decimals.'
}

/** Money from a request's validated decimal string: an amount the currency cannot hold is a 422, not a 500 */
export function moneyFromInput(amount: string, currency: string): Money {
  try {
    return Money.fromDecimal(amount, currency)
  } catch (error) {
    if (error instanceof InvalidMoneyError) throw new InvalidAmountException(error.message)
    throw error
  }
}
