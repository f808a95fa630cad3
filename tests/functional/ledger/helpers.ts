import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import OpenAccount from '#actions/accounts/open_account'
import PostDeposit from '#actions/ledger/post_deposit'
import { Money } from '#domain/money/money'
import type { Actor } from '#domain/ledger/actor'

/**
 * Test data for the ledger suites: unique customers (inserted directly,
 * the customers table belongs to another module) and accounts opened and
 * funded through the actions, never by writing balances.
 */
export const teller: Actor = { type: 'staff', id: 1 }
export const system: Actor = { type: 'system', id: 'tests' }

export const key = () => randomUUID()

export async function createCustomer(kycStatus: 'verified' | 'pending' | 'rejected' = 'verified') {
  const tag = randomUUID().replaceAll('-', '').slice(0, 16)
  const [row] = await db
    .table('customers')
    .insert({
      customer_number: `T${tag.slice(0, 15)}`,
      full_name: `Ledger Test ${tag}`,
      email: `ledger-${tag}@example.test`,
      password: 'not-a-real-hash',
      kyc_status: kycStatus,
    })
    .returning('id')
  return Number(row.id ?? row)
}

export async function openAccount(
  customerId: number,
  options: { currency?: string; overdraftLimit?: bigint; fund?: string } = {}
) {
  const currency = options.currency ?? 'GBP'
  const account = await (await app.container.make(OpenAccount)).handle({
    customerId,
    kind: 'current',
    currency,
    overdraftLimit: options.overdraftLimit,
    actor: teller,
  })
  if (options.fund) {
    await (await app.container.make(PostDeposit)).handle({
      accountId: account.id,
      amount: Money.fromDecimal(options.fund, currency),
      idempotencyKey: key(),
      actor: teller,
    })
  }
  return account
}

export async function balances(accountId: number) {
  const row = await db.from('accounts').where('id', accountId).firstOrFail()
  return { balance: BigInt(row.balance), available: BigInt(row.available), status: row.status }
}

export async function setStatus(accountId: number, status: 'active' | 'frozen' | 'closed') {
  await db.from('accounts').where('id', accountId).update({ status })
}
