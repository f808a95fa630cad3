import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type Account from '#models/account'
import PostDeposit from '#actions/ledger/post_deposit'
import { Money } from '#domain/money/money'
import type { Actor } from '#domain/audit/actor'
import { CustomerFactory } from '#database/factories/customer_factory'
import { AccountFactory, FIXTURE_ACTOR } from '#database/factories/account_factory'

/**
 * Ledger test data: customers from CustomerFactory, accounts opened by
 * AccountFactory (through OpenAccount) and funded through PostDeposit,
 * never by writing balances. Fixtures are opened and funded by the system
 * actor, not by a teller: a teller's postings count towards the four-eyes
 * running totals.
 */
export const teller: Actor = { type: 'staff', id: 1 }
export const system: Actor = { type: 'system', id: 'tests' }

export const key = () => randomUUID()

/** A customer of the KYC status (default verified); its id */
export async function createCustomer(kycStatus: 'verified' | 'pending' | 'rejected' = 'verified') {
  const factory = CustomerFactory.query()
  if (kycStatus === 'verified') factory.apply('verified')
  if (kycStatus === 'rejected') factory.apply('kycRejected')
  return (await factory.create()).id
}

export interface OpenAccountOptions {
  currency?: string
  kind?: 'current' | 'savings'
  /** minor units, current accounts only */
  overdraftLimit?: bigint
  /** a decimal amount deposited once opened ('100.00') */
  fund?: string
}

/** An account of the customer (AccountFactory), funded when `fund` is given */
export async function openAccount(customerId: number, options: OpenAccountOptions = {}): Promise<Account> {
  const factory = AccountFactory.merge({
    customerId,
    ...(options.currency ? { currency: options.currency } : {}),
    ...(options.overdraftLimit !== undefined ? { overdraftLimit: options.overdraftLimit } : {}),
  })
  if (options.kind === 'savings') factory.apply('savings')
  const account = await factory.create()
  if (options.fund) await fundAccount(account, options.fund)
  return account
}

/** A cash deposit of `amount` (decimal, in the account's currency) by the system */
export async function fundAccount(account: Account, amount: string) {
  return (await app.container.make(PostDeposit)).handle({
    accountId: account.id,
    amount: Money.fromDecimal(amount, account.currency),
    idempotencyKey: randomUUID(),
    actor: FIXTURE_ACTOR,
  })
}

export async function balances(accountId: number) {
  const row = await db.from('accounts').where('id', accountId).firstOrFail()
  return { balance: BigInt(row.balance), available: BigInt(row.available), status: row.status }
}

/** Puts an account in a status directly (the suites test postings against it, not the status actions) */
export async function setStatus(accountId: number, status: 'active' | 'frozen' | 'closed') {
  await db.from('accounts').where('id', accountId).update({ status })
}

export async function accountRow(id: number) {
  return db.from('accounts').where('id', id).firstOrFail()
}

export async function entriesOf(accountId: number) {
  return db.from('ledger_entries').where('account_id', accountId).orderBy('id')
}
