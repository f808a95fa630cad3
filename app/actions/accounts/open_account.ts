import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Account from '#models/account'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'
import { generateAccountNumber, isValidAccountNumber } from '#domain/ledger/account_number'
import { isSupportedCurrency } from '#domain/money/currencies'
import CustomerNotFoundException from '#exceptions/customer_not_found_exception'
import UnsupportedCurrencyException from '#exceptions/unsupported_currency_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import InvalidAccountNumberException from '#exceptions/invalid_account_number_exception'

export interface OpenAccountInput {
  customerId: number
  kind: 'current' | 'savings'
  currency: string
  name?: string
  /** Minor units, >= 0; current accounts only */
  overdraftLimit?: bigint
  /** A chosen account number (valid 'SR' + Luhn); drawn at random when absent */
  number?: string
  actor: Actor
  context?: RequestContext
  /** Join the caller's transaction (the demo seed opens accounts in batches); default: its own */
  trx?: TransactionClientContract
}

const MAX_NUMBER_ATTEMPTS = 5

/**
 * Opens a customer deposit account (credit-normal, balance 0) with a fresh
 * 'SR' + 10-digit account number, and its audit row, in one transaction.
 * Throws: CustomerNotFound, UnsupportedCurrency, InvalidAmount, InvalidAccountNumber.
 */
export default class OpenAccount {
  async handle(input: OpenAccountInput): Promise<Account> {
    const overdraft = input.overdraftLimit ?? 0n
    if (overdraft < 0n || (overdraft > 0n && input.kind !== 'current')) {
      throw new InvalidAmountException('The overdraft limit must be >= 0, and 0 for savings')
    }
    if (!isSupportedCurrency(input.currency)) {
      throw new UnsupportedCurrencyException()
    }
    if (input.number !== undefined && !isValidAccountNumber(input.number)) {
      throw new InvalidAccountNumberException()
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.open(input, overdraft)
      } catch (error: any) {
        const drawn = input.number === undefined
        if (drawn && error?.constraint === 'accounts_number_unique' && attempt < MAX_NUMBER_ATTEMPTS) continue
        throw error
      }
    }
  }

  private open(input: OpenAccountInput, overdraft: bigint) {
    const run = async (trx: TransactionClientContract) => {
      const customer = await trx
        .from('customers')
        .where('id', input.customerId)
        .where('status', 'active')
        .forShare()
        .first()
      if (!customer) throw new CustomerNotFoundException()
      const vault = await trx
        .from('accounts')
        .where({ system_code: 'vault_cash', currency: input.currency })
        .first()
      if (!vault) throw new UnsupportedCurrencyException()

      const account = new Account().useTransaction(trx)
      account.merge({
        number: input.number ?? generateAccountNumber(),
        customerId: input.customerId,
        kind: input.kind,
        currency: input.currency,
        status: 'active',
        name: input.name ?? (input.kind === 'current' ? 'Current account' : 'Savings account'),
        normalBalance: 'credit',
        balance: 0n,
        available: 0n,
        overdraftLimit: overdraft,
      })
      await account.save()

      const after = {
        number: account.number,
        customer_id: input.customerId,
        kind: input.kind,
        currency: input.currency,
        overdraft_limit: overdraft.toString(),
      }
      await trx.rawQuery('select audit_append(?::jsonb)', [
        JSON.stringify({
          ...auditEnvelope(input.actor, input.context),
          action: 'account.opened',
          subject_type: 'account',
          subject_id: String(account.id),
          after,
        }),
      ])
      return account
    }
    return input.trx ? run(input.trx) : db.transaction(run)
  }
}
