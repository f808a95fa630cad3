import env from '#start/env'
import Account from '#models/account'
import { Money, InvalidMoneyError } from '#domain/money/money'
import { exceedsPostingLimit } from '#domain/ledger/posting_limit'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'

/** The four-eyes limit of teller postings (FOUR_EYES_POSTING_LIMIT, decimal, default 10000.00) */
export function fourEyesPostingLimit(): string {
  return env.get('FOUR_EYES_POSTING_LIMIT') || '10000.00'
}

/** True when a teller posting of this amount needs a second staff member */
export function needsFourEyes(amount: Money): boolean {
  return exceedsPostingLimit(amount, fourEyesPostingLimit())
}

/** A customer account by the number typed at the counter (no lock: the ledger function locks) */
export async function customerAccountByNumber(number: string): Promise<Account> {
  const account = await Account.query().where('number', number.trim().toUpperCase()).first()
  if (!account || account.kind === 'internal') {
    throw new AccountNotFoundException(`No customer account ${number}.`)
  }
  return account
}

/** A typed decimal amount in the account's currency, positive, with at most its decimals */
export function amountIn(decimal: string, currency: string): Money {
  try {
    const amount = Money.fromDecimal(decimal.trim(), currency)
    if (amount.isPositive()) return amount
  } catch (error) {
    if (!(error instanceof InvalidMoneyError)) throw error
  }
  throw new InvalidAmountException(`"${decimal}" is not a positive ${currency} amount.`)
}
