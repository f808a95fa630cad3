import Account from '#models/account'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import { isDepositAccount } from '#domain/ledger/account_kinds'

/**
 * A customer account by the number typed at the counter or on a form, in
 * any case and with stray spaces. No lock: the ledger function locks.
 * Throws AccountNotFoundException for an unknown number, a bank account or a loan's receivable.
 */
export async function customerAccountByNumber(number: string): Promise<Account> {
  const account = await Account.query().where('number', number.trim().toUpperCase()).first()
  if (!account || !isDepositAccount(account.kind)) {
    throw new AccountNotFoundException(`No customer account ${number}.`)
  }
  return account
}
