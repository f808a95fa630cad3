import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createCustomer, key, openAccount, setStatus } from '#tests/helpers/ledger'

/**
 * The debit rules exist once (database/sql/ledger/ledger_debit_check.sql),
 * yet each posting reports them in the order it always has: the first rule
 * that fails is the error the client sees. These pin the orders in which
 * postings differ (frozen before currency for transfers and holds, currency
 * before frozen for withdrawals and adjustments, the debtor before the
 * creditor) and that adjustments do not ask KYC. The posting functions are
 * called directly, as the actions call them: SQLSTATE, code and detail.
 */
const AUDIT = JSON.stringify({ actor_type: 'system', actor_id: 'tests' })

async function outcome(sql: string, bindings: unknown[]) {
  const error = await db.rawQuery(sql, bindings as any[]).then(() => null, (e) => e)
  /* knex prefixes the message with the query: the code is its end */
  return error ? `${error.code} ${/E_[A-Z_]+$/.exec(error.message)?.[0]}: ${error.detail}` : 'booked'
}

const transfer = (debtor: number, creditor: number, amount: number, currency: string) =>
  outcome(
    `select ledger_post_transfer('tests', ?, 'h', ?::bigint, ?::bigint, null, ?::bigint, ?, 'ref', null, ?::jsonb, null)`,
    [key(), debtor, creditor, amount, currency, AUDIT]
  )
const withdraw = (account: number, amount: number, currency: string) =>
  outcome(`select ledger_post_cash('withdrawal', 'tests', ?, 'h', ?::bigint, ?::bigint, ?, 'ref', null, ?::jsonb)`, [
    key(), account, amount, currency, AUDIT,
  ])
const hold = (account: number, amount: number, currency: string) =>
  outcome(`select ledger_place_hold('tests', ?, 'h', ?::bigint, ?::bigint, ?, 'why', null, null, ?::jsonb)`, [
    key(), account, amount, currency, AUDIT,
  ])
const debitAdjustment = (account: number, amount: number, currency: string) =>
  outcome(
    `select ledger_post_adjustment('tests', ?, 'h', ?::bigint, 'debit', ?::bigint, ?, 'correction', 'ref', '{}'::jsonb, ?::jsonb)`,
    [key(), account, amount, currency, AUDIT]
  )

const FROZEN = 'SRL03 E_ACCOUNT_FROZEN'
const CURRENCY = 'SRL05 E_CURRENCY_MISMATCH: amount currency differs from the account'

test.group('Posting rules: the first failing rule is the error', () => {
  test('a frozen account short of funds in another currency: transfers and holds say frozen, withdrawals and adjustments say currency', async ({ assert }) => {
    const account = (await openAccount(await createCustomer(), { fund: '10.00' })).id
    const payee = (await openAccount(await createCustomer())).id
    await setStatus(account, 'frozen')

    assert.equal(await transfer(account, payee, 100_000, 'EUR'), `${FROZEN}: debtor account is frozen`)
    assert.equal(await hold(account, 100_000, 'EUR'), `${FROZEN}: account is frozen`)
    assert.equal(await withdraw(account, 100_000, 'EUR'), CURRENCY)
    assert.equal(await debitAdjustment(account, 100_000, 'EUR'), CURRENCY)

    assert.equal(await transfer(account, payee, 100_000, 'GBP'), `${FROZEN}: debtor account is frozen`)
    assert.equal(await hold(account, 100_000, 'GBP'), `${FROZEN}: account is frozen`)
    assert.equal(await withdraw(account, 100_000, 'GBP'), `${FROZEN}: account is frozen`)
    assert.equal(await debitAdjustment(account, 100_000, 'GBP'), `${FROZEN}: account is frozen`)
  })

  test('KYC comes before funds when a customer moves money out; a debit adjustment does not ask KYC', async ({ assert }) => {
    const account = (await openAccount(await createCustomer('pending'), { fund: '10.00' })).id
    const payee = (await openAccount(await createCustomer())).id
    const kyc = 'SRL07 E_KYC_NOT_VERIFIED: customer identity not verified'

    assert.equal(await transfer(account, payee, 100_000, 'GBP'), kyc)
    assert.equal(await withdraw(account, 100_000, 'GBP'), kyc)
    assert.equal(await hold(account, 100_000, 'GBP'), kyc)
    assert.equal(await debitAdjustment(account, 100_000, 'GBP'), 'SRL01 E_INSUFFICIENT_FUNDS: insufficient available funds')
    assert.equal(await debitAdjustment(account, 500, 'GBP'), 'booked')
  })

  test("a transfer checks the debtor's state before the creditor's, and the creditor's closure before the currency", async ({ assert }) => {
    const debtor = (await openAccount(await createCustomer(), { fund: '10.00' })).id
    const creditor = (await openAccount(await createCustomer())).id
    await setStatus(creditor, 'closed')
    assert.equal(await transfer(debtor, creditor, 100, 'EUR'), 'SRL04 E_ACCOUNT_CLOSED: creditor account is closed')
    await setStatus(debtor, 'frozen')
    assert.equal(await transfer(debtor, creditor, 100, 'EUR'), `${FROZEN}: debtor account is frozen`)
    await setStatus(debtor, 'closed')
    assert.equal(await transfer(debtor, creditor, 100, 'EUR'), 'SRL04 E_ACCOUNT_CLOSED: debtor account is closed')
  })
})
