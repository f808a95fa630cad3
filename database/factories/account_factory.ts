import Factory from '@adonisjs/lucid/factories'
import app from '@adonisjs/core/services/app'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Account from '#models/account'
import OpenAccount from '#actions/accounts/open_account'
import type { Actor } from '#domain/audit/actor'
import { generateAccountNumber } from '#domain/ledger/account_number'

/** Who opens factory accounts (the account.opened audit row) */
export const FIXTURE_ACTOR: Actor = { type: 'system', id: 'test-fixtures' }

const NUMBER_ATTEMPTS = 5

/**
 * Customer deposit accounts. The ledger owns this table, so `create()`
 * never inserts a row of its own: it opens the account through the
 * OpenAccount action (balance 0, credit-normal, status active, its
 * account.opened audit row), inside the factory's transaction, and the
 * instance it returns is the row the action wrote. A customer is required
 * (`merge({ customerId })`, or `CustomerFactory.with('accounts')`).
 *
 * What the factory cannot do on purpose: put money on the account (post a
 * deposit through PostDeposit, as tests/helpers/ledger.ts fundAccount()
 * does) or change its status (FreezeAccount, CloseAccount). The bank's
 * internal accounts exist from the migrations and are never made here.
 *
 * Merge: currency (default GBP), overdraftLimit (bigint minor units,
 * current accounts only), name, number (a chosen valid number; by default
 * one is drawn, and drawn again if taken). States: `savings`.
 * `make()` builds the same attributes without touching the database.
 */
export const AccountFactory = Factory.define(Account, () => ({
  number: generateAccountNumber(),
  kind: 'current' as const,
  currency: 'GBP',
  name: 'Current account',
  status: 'active' as const,
  normalBalance: 'credit' as const,
  balance: 0n,
  available: 0n,
  overdraftLimit: 0n,
}))
  .merge((account, attributes) => {
    account.merge(attributes)
    if ('number' in attributes) account.$extras.numberChosen = true
  })
  .state('savings', (account) => {
    account.kind = 'savings'
    if (account.name === 'Current account') account.name = 'Savings account'
  })
  .before('create', async (_, account, { $trx }) => {
    const opened = await openThroughLedger(account, $trx!)
    account.merge(opened.$attributes)
    account.$hydrateOriginals()
    account.$isPersisted = true
  })
  .build()

/** OpenAccount in a savepoint of the factory's transaction, drawing a new number on a clash */
async function openThroughLedger(account: Account, trx: TransactionClientContract): Promise<Account> {
  if (account.customerId === null || account.customerId === undefined) {
    throw new Error('AccountFactory: merge({ customerId }) or use CustomerFactory.with("accounts")')
  }
  const action = await app.container.make(OpenAccount)
  for (let attempt = 1; ; attempt++) {
    const savepoint = await trx.transaction()
    try {
      const opened = await action.handle({
        customerId: account.customerId,
        kind: account.kind as 'current' | 'savings',
        currency: account.currency,
        name: account.name,
        overdraftLimit: BigInt(account.overdraftLimit),
        number: account.number,
        actor: FIXTURE_ACTOR,
        trx: savepoint,
      })
      await savepoint.commit()
      return opened
    } catch (error: any) {
      await savepoint.rollback()
      const drawn = account.$extras.numberChosen !== true
      if (!drawn || error?.constraint !== 'accounts_number_unique' || attempt >= NUMBER_ATTEMPTS) throw error
      account.number = generateAccountNumber()
    }
  }
}
