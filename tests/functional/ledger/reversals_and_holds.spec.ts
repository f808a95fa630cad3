import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import PostTransfer from '#actions/ledger/post_transfer'
import ReverseTransaction from '#actions/ledger/reverse_transaction'
import PlaceHold from '#actions/ledger/place_hold'
import ReleaseHold from '#actions/ledger/release_hold'
import CaptureHold from '#actions/ledger/capture_hold'
import LedgerQueries from '#queries/ledger/ledger_queries'
import { Money } from '#domain/money/money'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import TransactionAlreadyReversedException from '#exceptions/transaction_already_reversed_exception'
import TransactionNotReversibleException from '#exceptions/transaction_not_reversible_exception'
import TransactionNotFoundException from '#exceptions/transaction_not_found_exception'
import HoldNotActiveException from '#exceptions/hold_not_active_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import KycNotVerifiedException from '#exceptions/kyc_not_verified_exception'
import { balances, createCustomer, key, openAccount, setStatus, teller } from '#tests/helpers/ledger'

const gbp = (v: string) => Money.fromDecimal(v, 'GBP')

async function transfer(from: number, to: number, amount: string) {
  const { transfer: t } = await (await app.container.make(PostTransfer)).handle({
    actor: { type: 'customer', id: 1 }, debtorAccountId: from, creditor: { accountId: to },
    amount: gbp(amount), idempotencyKey: key(),
  })
  return t
}
async function reverse(transactionId: number) {
  return (await app.container.make(ReverseTransaction)).handle({ transactionId, reason: 'customer dispute', actor: teller })
}
async function hold(accountId: number, amount: string) {
  const { hold: h } = await (await app.container.make(PlaceHold)).handle({
    accountId, amount: gbp(amount), reason: 'card authorisation', idempotencyKey: key(), actor: { type: 'system', id: 'cards' },
  })
  return h
}

test.group('ReverseTransaction', () => {
  test('books mirrored entries linked to the original and restores both balances', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer())
    const original = await transfer(from.id, to.id, '4.00')
    const { reversal } = await reverse(original.id)
    assert.equal(reversal.kind, 'reversal')
    assert.equal(reversal.reversesId, original.id)
    assert.equal(reversal.debtorAccountId, to.id)
    assert.equal((await balances(from.id)).balance, 1000n)
    assert.equal((await balances(to.id)).balance, 0n)
    const audit = await db.from('audit_events').where({ action: 'ledger.transaction.reversed', subject_id: String(original.id) })
    assert.lengthOf(audit, 1)
  })

  test('reverses a transaction only once, never a reversal, never an unknown one', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer())
    const original = await transfer(from.id, to.id, '1.00')
    const { reversal } = await reverse(original.id)
    await assert.rejects(() => reverse(original.id), TransactionAlreadyReversedException)
    await assert.rejects(() => reverse(reversal.id), TransactionNotReversibleException)
    await assert.rejects(() => reverse(0), TransactionNotFoundException)
  })

  test('does not overdraw the account it debits: the money must still be there', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer())
    const other = await openAccount(await createCustomer())
    const original = await transfer(from.id, to.id, '5.00')
    await transfer(to.id, other.id, '5.00')
    await assert.rejects(() => reverse(original.id), InsufficientFundsException)
    assert.equal((await balances(from.id)).balance, 500n)
  })

  test('concurrent reversals of one transaction book exactly one', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer())
    const original = await transfer(from.id, to.id, '3.00')
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => reverse(original.id)))
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
    assert.equal((await balances(from.id)).balance, 1000n)
  })
})

test.group('Holds', () => {
  test('a hold reduces available only; releasing restores it', async ({ assert }) => {
    const account = await openAccount(await createCustomer(), { fund: '10.00' })
    const h = await hold(account.id, '4.00')
    assert.equal(h.status, 'active')
    assert.deepEqual(await balances(account.id), { balance: 1000n, available: 600n, status: 'active' })
    await assert.rejects(() => hold(account.id, '6.01'), InsufficientFundsException)
    const released = await (await app.container.make(ReleaseHold)).handle({ holdId: h.id, actor: teller })
    assert.equal(released.status, 'released')
    assert.deepEqual(await balances(account.id), { balance: 1000n, available: 1000n, status: 'active' })
    await assert.rejects(
      async () => (await app.container.make(ReleaseHold)).handle({ holdId: h.id, actor: teller }),
      HoldNotActiveException
    )
  })

  test('capturing posts the captured amount and releases the rest', async ({ assert }) => {
    const account = await openAccount(await createCustomer(), { fund: '10.00' })
    const h = await hold(account.id, '4.00')
    const captured = await (await app.container.make(CaptureHold)).handle({
      holdId: h.id, amount: gbp('3.50'), reference: 'coffee shop', actor: { type: 'system', id: 'cards' },
    })
    assert.equal(captured.status, 'captured')
    assert.isNotNull(captured.capturedTransactionId)
    assert.deepEqual(await balances(account.id), { balance: 650n, available: 650n, status: 'active' })
    const txn = await app.container.make(LedgerQueries).then((q) => q.findTransaction(captured.capturedTransactionId!))
    assert.equal(txn!.kind, 'hold_capture')
    assert.equal(txn!.amount.toDecimalString(), '3.50')
  })

  test('holds follow the debit rules: frozen accounts and unverified customers are refused', async ({ assert }) => {
    const pending = await openAccount(await createCustomer('pending'), { fund: '10.00' })
    await assert.rejects(() => hold(pending.id, '1.00'), KycNotVerifiedException)
    const frozen = await openAccount(await createCustomer(), { fund: '10.00' })
    await setStatus(frozen.id, 'frozen')
    await assert.rejects(() => hold(frozen.id, '1.00'), AccountFrozenException)
  })
})

test.group('LedgerQueries', () => {
  test('pages an account entries newest first with a cursor, and shows transfers to their parties only', async ({ assert }) => {
    const alice = await createCustomer()
    const from = await openAccount(alice, { fund: '10.00' })
    const to = await openAccount(await createCustomer())
    const t1 = await transfer(from.id, to.id, '1.00')
    const t2 = await transfer(from.id, to.id, '2.00')
    const queries = await app.container.make(LedgerQueries)

    const first = await queries.listAccountEntries(from.id, { limit: 2 })
    assert.deepEqual(first.data.map((e) => e.transactionId), [t2.id, t1.id])
    assert.equal(first.data[0].direction, 'debit')
    assert.equal(first.data[0].counterpartyAccountId, to.id)
    const second = await queries.listAccountEntries(from.id, { limit: 2, cursor: first.nextCursor })
    assert.deepEqual(second.data.map((e) => e.kind), ['deposit'])
    assert.isNull(second.nextCursor)

    assert.equal((await queries.findTransferForCustomer(t1.id, alice))?.id, t1.id)
    assert.isNull(await queries.findTransferForCustomer(t1.id, await createCustomer()))
    const b = await queries.balances(from.id)
    assert.equal(b!.balance.toDecimalString(), '7.00')
  })
})
