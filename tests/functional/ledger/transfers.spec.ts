import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import PostTransfer, { type PostTransferInput } from '#actions/ledger/post_transfer'
import { Money } from '#domain/money/money'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import AccountClosedException from '#exceptions/account_closed_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import SameAccountException from '#exceptions/same_account_exception'
import KycNotVerifiedException from '#exceptions/kyc_not_verified_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import IdempotencyInFlightException from '#exceptions/idempotency_in_flight_exception'
import { balances, createCustomer, key, openAccount, setStatus } from '#tests/helpers/ledger'

async function send(
  debtorAccountId: number,
  creditorAccountId: number,
  amount: string,
  extra: Partial<PostTransferInput> = {}
) {
  const money = Money.fromDecimal(amount, extra.amount?.currency ?? 'GBP')
  const action = await app.container.make(PostTransfer)
  return action.handle({
    actor: { type: 'customer', id: 1 },
    debtorAccountId,
    creditor: { accountId: creditorAccountId },
    amount: money,
    idempotencyKey: key(),
    ...extra,
  })
}

test.group('PostTransfer', () => {
  test('moves money between two customer accounts with balanced entries and an audit row', async ({ assert }) => {
    const alice = await createCustomer()
    const from = await openAccount(alice, { fund: '100.00' })
    const to = await openAccount(await createCustomer(), {})

    const { transfer, replayed } = await send(from.id, to.id, '25.50', {
      ownerCustomerId: alice,
      reference: 'rent',
    })

    assert.isFalse(replayed)
    assert.equal(transfer.status, 'booked')
    assert.equal(transfer.amount.toDecimalString(), '25.50')
    assert.equal(transfer.debtorAccountId, from.id)
    assert.equal(transfer.creditorAccountId, to.id)
    assert.equal(transfer.reference, 'rent')
    assert.deepEqual(await balances(from.id), { balance: 7450n, available: 7450n, status: 'active' })
    assert.deepEqual(await balances(to.id), { balance: 2550n, available: 2550n, status: 'active' })
    const entries = await db.from('ledger_entries').where('transaction_id', transfer.id).orderBy('id')
    assert.deepEqual(
      entries.map((e) => [Number(e.account_id), e.direction, e.amount]),
      [
        [from.id, 'debit', '2550'],
        [to.id, 'credit', '2550'],
      ]
    )
    const audit = await db
      .from('audit_events')
      .where({ action: 'ledger.transfer.posted', subject_id: String(transfer.id) })
    assert.lengthOf(audit, 1)
  })

  test('accepts the creditor by account number', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer(), {})
    const { transfer } = await send(from.id, 0, '1.00', { creditor: { accountNumber: to.number } })
    assert.equal(transfer.creditorAccountId, to.id)
  })

  test('rejects a transfer that would overdraw and changes nothing', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00', overdraftLimit: 500n })
    const to = await openAccount(await createCustomer(), {})
    await assert.rejects(() => send(from.id, to.id, '15.01'), InsufficientFundsException)
    await send(from.id, to.id, '15.00')
    assert.equal((await balances(from.id)).balance, -500n)
  })

  test('hides accounts the customer does not own as not found', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer(), {})
    const stranger = await createCustomer()
    await assert.rejects(
      () => send(from.id, to.id, '1.00', { ownerCustomerId: stranger }),
      AccountNotFoundException
    )
    await assert.rejects(
      () => send(from.id, 0, '1.00', { creditor: { accountNumber: 'SR0000000000' } }),
      AccountNotFoundException
    )
    assert.equal((await balances(from.id)).balance, 1000n)
  })

  test('refuses frozen and closed debtors, closed creditors, but credits a frozen account', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer(), {})
    await setStatus(to.id, 'frozen')
    await send(from.id, to.id, '1.00')
    await setStatus(to.id, 'closed')
    await assert.rejects(() => send(from.id, to.id, '1.00'), AccountClosedException)
    await setStatus(from.id, 'frozen')
    await assert.rejects(() => send(from.id, to.id, '1.00'), AccountFrozenException)
    await setStatus(from.id, 'closed')
    await assert.rejects(() => send(from.id, to.id, '1.00'), AccountClosedException)
    assert.equal((await balances(from.id)).balance, 900n)
  })

  test('a customer whose KYC is not verified cannot send money', async ({ assert }) => {
    const pending = await createCustomer('pending')
    const from = await openAccount(pending, { fund: '10.00' })
    const to = await openAccount(await createCustomer(), {})
    await assert.rejects(() => send(from.id, to.id, '1.00'), KycNotVerifiedException)
    assert.equal((await balances(from.id)).balance, 1000n)
    await openAccount(await createCustomer(), { fund: '5.00' }).then((payer) => send(payer.id, from.id, '5.00'))
    assert.equal((await balances(from.id)).balance, 1500n)
  })

  test('rejects a currency mismatch and a transfer to the same account', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const euro = await openAccount(await createCustomer(), { currency: 'EUR' })
    await assert.rejects(() => send(from.id, euro.id, '1.00'), CurrencyMismatchException)
    await assert.rejects(() => send(from.id, from.id, '1.00'), SameAccountException)
  })

  test('replays the original result for the same key and request, without a new posting', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer(), {})
    const idempotencyKey = key()
    const first = await send(from.id, to.id, '2.00', { idempotencyKey })
    const again = await send(from.id, to.id, '2.00', { idempotencyKey })
    assert.isTrue(again.replayed)
    assert.equal(again.transfer.id, first.transfer.id)
    assert.equal(again.transfer.createdAt.toISO(), first.transfer.createdAt.toISO())
    assert.equal((await balances(from.id)).balance, 800n)
  })

  test('rejects the same key with a different request', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '10.00' })
    const to = await openAccount(await createCustomer(), {})
    const idempotencyKey = key()
    await send(from.id, to.id, '2.00', { idempotencyKey })
    await assert.rejects(
      () => send(from.id, to.id, '3.00', { idempotencyKey }),
      IdempotencyKeyReusedException
    )
    assert.equal((await balances(from.id)).balance, 800n)
  })

  test('a failed posting stores no key, so the key can be retried', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '1.00' })
    const to = await openAccount(await createCustomer(), {})
    const idempotencyKey = key()
    await assert.rejects(() => send(from.id, to.id, '2.00', { idempotencyKey }), InsufficientFundsException)
    const { replayed } = await send(from.id, to.id, '1.00', { idempotencyKey })
    assert.isFalse(replayed)
  })

  test('two concurrent requests with one key post exactly once', async ({ assert }) => {
    const from = await openAccount(await createCustomer(), { fund: '100.00' })
    const to = await openAccount(await createCustomer(), {})
    for (let round = 0; round < 10; round++) {
      const idempotencyKey = key()
      const results = await Promise.allSettled(
        [1, 2, 3].map(() => send(from.id, to.id, '1.00', { idempotencyKey }))
      )
      const ok = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<any>[]
      const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
      assert.isAtLeast(ok.length, 1)
      assert.equal(new Set(ok.map((r) => r.value.transfer.id)).size, 1)
      assert.equal(ok.filter((r) => !r.value.replayed).length, 1)
      for (const f of failed) assert.instanceOf(f.reason, IdempotencyInFlightException)
    }
    assert.equal((await balances(to.id)).balance, 1000n)
  })
})
