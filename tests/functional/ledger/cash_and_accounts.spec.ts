import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import OpenAccount from '#actions/accounts/open_account'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import { Money } from '#domain/money/money'
import { isValidAccountNumber, luhnCheckDigit } from '#domain/ledger/account_number'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import AccountClosedException from '#exceptions/account_closed_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import KycNotVerifiedException from '#exceptions/kyc_not_verified_exception'
import CustomerNotFoundException from '#exceptions/customer_not_found_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import InvalidAccountNumberException from '#exceptions/invalid_account_number_exception'
import UnsupportedCurrencyException from '#exceptions/unsupported_currency_exception'
import { balances, createCustomer, key, openAccount, setStatus, teller } from '#tests/helpers/ledger'

const gbp = (v: string) => Money.fromDecimal(v, 'GBP')

async function deposit(accountId: number, amount: Money, idempotencyKey = key()) {
  return (await app.container.make(PostDeposit)).handle({ accountId, amount, idempotencyKey, actor: teller })
}
async function withdraw(accountId: number, amount: Money, idempotencyKey = key()) {
  return (await app.container.make(PostWithdrawal)).handle({ accountId, amount, idempotencyKey, actor: teller })
}

test.group('OpenAccount', () => {
  test('opens a credit-normal account with a checked number and an audit row', async ({ assert }) => {
    const customerId = await createCustomer('pending')
    const account = await (await app.container.make(OpenAccount)).handle({
      customerId, kind: 'savings', currency: 'EUR', actor: teller,
    })
    assert.isTrue(isValidAccountNumber(account.number))
    assert.equal(account.normalBalance, 'credit')
    assert.equal(account.balance, 0n)
    const audit = await db.from('audit_events').where({ action: 'account.opened', subject_id: String(account.id) })
    assert.lengthOf(audit, 1)
  })

  test('refuses an unknown customer, a currency without a vault, and a savings overdraft', async ({ assert }) => {
    const open = await app.container.make(OpenAccount)
    await assert.rejects(
      () => open.handle({ customerId: 0, kind: 'current', currency: 'GBP', actor: teller }),
      CustomerNotFoundException
    )
    const customerId = await createCustomer()
    await assert.rejects(
      () => open.handle({ customerId, kind: 'current', currency: 'JPY', actor: teller }),
      UnsupportedCurrencyException
    )
    await assert.rejects(
      () => open.handle({ customerId, kind: 'savings', currency: 'GBP', overdraftLimit: 100n, actor: teller }),
      InvalidAmountException
    )
  })

  test('accepts a chosen valid number once, and refuses a number failing its check digit', async ({ assert }) => {
    const open = await app.container.make(OpenAccount)
    const customerId = await createCustomer()
    const body = String(Date.now() % 1_000_000_000).padStart(9, '0')
    const number = `SR${body}${luhnCheckDigit(body)}`
    const account = await open.handle({ customerId, kind: 'current', currency: 'GBP', number, actor: teller })
    assert.equal(account.number, number)

    const wrongDigit = `SR${body}${(Number(luhnCheckDigit(body)) + 1) % 10}`
    await assert.rejects(
      () => open.handle({ customerId, kind: 'savings', currency: 'GBP', number: wrongDigit, actor: teller }),
      InvalidAccountNumberException
    )
    await assert.rejects(() => open.handle({ customerId, kind: 'savings', currency: 'GBP', number, actor: teller }))
    assert.lengthOf(await db.from('accounts').where('customer_id', customerId), 1)
  })
})

test.group('PostDeposit and PostWithdrawal', () => {
  test('a deposit debits vault cash and credits the customer', async ({ assert }) => {
    const account = await openAccount(await createCustomer())
    const { transaction, replayed } = await deposit(account.id, gbp('50.00'))
    assert.isFalse(replayed)
    assert.equal(transaction.kind, 'deposit')
    assert.equal(transaction.creditorAccountId, account.id)
    const vault = await db.from('accounts').where({ system_code: 'vault_cash', currency: 'GBP' }).first()
    assert.equal(transaction.debtorAccountId, Number(vault.id))
    assert.equal(Number(vault.balance), 0, 'internal balance column is not touched on the hot path')
    assert.deepEqual(await balances(account.id), { balance: 5000n, available: 5000n, status: 'active' })
  })

  test('a deposit replays for the same key and rejects a different amount under it', async ({ assert }) => {
    const account = await openAccount(await createCustomer())
    const idempotencyKey = key()
    const first = await deposit(account.id, gbp('1.00'), idempotencyKey)
    const again = await deposit(account.id, gbp('1.00'), idempotencyKey)
    assert.isTrue(again.replayed)
    assert.equal(again.transaction.id, first.transaction.id)
    await assert.rejects(() => deposit(account.id, gbp('2.00'), idempotencyKey), IdempotencyKeyReusedException)
    assert.equal((await balances(account.id)).balance, 100n)
  })

  test('deposits reach frozen accounts but not closed ones, and need the account currency', async ({ assert }) => {
    const account = await openAccount(await createCustomer())
    await setStatus(account.id, 'frozen')
    await deposit(account.id, gbp('1.00'))
    await assert.rejects(() => deposit(account.id, Money.fromDecimal('1.00', 'EUR')), CurrencyMismatchException)
    await setStatus(account.id, 'closed')
    await assert.rejects(() => deposit(account.id, gbp('1.00')), AccountClosedException)
    await assert.rejects(() => deposit(account.id, gbp('0.00')), InvalidAmountException)
    assert.equal((await balances(account.id)).balance, 100n)
  })

  test('a withdrawal debits the customer within the overdraft only', async ({ assert }) => {
    const account = await openAccount(await createCustomer(), { fund: '10.00', overdraftLimit: 100n })
    await withdraw(account.id, gbp('11.00'))
    await assert.rejects(() => withdraw(account.id, gbp('0.01')), InsufficientFundsException)
    assert.equal((await balances(account.id)).balance, -100n)
  })

  test('frozen accounts and unverified customers cannot withdraw', async ({ assert }) => {
    const pending = await openAccount(await createCustomer('pending'), { fund: '10.00' })
    await assert.rejects(() => withdraw(pending.id, gbp('1.00')), KycNotVerifiedException)
    const frozen = await openAccount(await createCustomer(), { fund: '10.00' })
    await setStatus(frozen.id, 'frozen')
    await assert.rejects(() => withdraw(frozen.id, gbp('1.00')), AccountFrozenException)
    assert.equal((await balances(pending.id)).balance, 1000n)
    assert.equal((await balances(frozen.id)).balance, 1000n)
  })
})
