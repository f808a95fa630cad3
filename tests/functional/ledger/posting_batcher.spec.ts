import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import queueConfig from '#config/queue'
import PostTransfer, { type PostTransferInput } from '#actions/ledger/post_transfer'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { Money } from '#domain/money/money'
import type Account from '#models/account'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import KycNotVerifiedException from '#exceptions/kyc_not_verified_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import paymentsConfig from '#config/payments'
import { policyFor } from '#domain/payments/payment_rules'
import { balances, createCustomer, key, openAccount, setStatus } from '#tests/helpers/ledger'

const actor = { type: 'customer', id: 7 } as const

async function transfer(from: Account, to: Account | string, amount: string, idempotencyKey = key()) {
  const input: PostTransferInput = {
    actor,
    debtorAccountId: from.id,
    creditor: typeof to === 'string' ? { accountNumber: to } : { accountId: to.id },
    amount: Money.fromDecimal(amount, 'GBP'),
    idempotencyKey,
  }
  return (await app.container.make(PostTransfer)).handle(input)
}

/** The transaction that wrote a posting's audit row (audit_events.xact_id): postings of one batch share it */
async function committedIn(transactionId: number) {
  const row = await db
    .from('audit_events')
    .where('subject_type', 'ledger_transaction')
    .where('subject_id', String(transactionId))
    .select('xact_id')
    .firstOrFail()
  return String(row.xact_id)
}

async function announcedKeys(keys: string[]) {
  const { rows } = await db.rawQuery(
    `select data->>'key' as key from ${queueConfig.schema}.job where name = 'ledger.posted' and data->>'key' = any(?)`,
    [keys]
  )
  return rows.map((r: { key: string }) => r.key).sort()
}

/** Holds a lock on the account until released: a posting that needs it waits in the database */
async function lockAccount(account: Account) {
  const blocker = await db.transaction()
  await blocker.rawQuery('select 1 from accounts where id = ? for update', [account.id])
  return () => blocker.commit()
}

const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }))

test.group('Posting batcher (LEDGER_BATCHING): transfers in flight share one commit', (group) => {
  group.each.setup(() => {
    const previous = { batching: env.get('LEDGER_BATCHING'), concurrency: env.get('LEDGER_BATCH_CONCURRENCY') }
    env.set('LEDGER_BATCHING', 'on')
    env.set('LEDGER_BATCH_CONCURRENCY', 1)
    return () => {
      env.set('LEDGER_BATCHING', previous.batching ?? 'on')
      env.set('LEDGER_BATCH_CONCURRENCY', previous.concurrency ?? 2)
    }
  })

  test('the transfers queued behind a busy batch go as one batch: one commit, each booked or refused on its own', async ({ assert }) => {
    const alice = await openAccount(await createCustomer(), { fund: '100.00' })
    const bob = await openAccount(await createCustomer(), {})
    const empty = await openAccount(await createCustomer(), {})
    const frozen = await openAccount(await createCustomer(), { fund: '50.00' })
    await setStatus(frozen.id, 'frozen')
    const unverified = await openAccount(await createCustomer('pending'), {})
    const held = await openAccount(await createCustomer(), {})

    /* The first transfer goes at once (nothing in flight) and waits on a lock in the database */
    const release = await lockAccount(held)
    const first = settle(transfer(alice, held, '1.00'))
    await new Promise((resolve) => setTimeout(resolve, 150))

    /* Everything sent meanwhile waits for the next batch */
    const repeated = key()
    const keys = Array.from({ length: 9 }, () => key())
    const batch = [
      settle(transfer(alice, bob, '10.00', keys[0])),
      settle(transfer(empty, bob, '5.00', keys[1])),
      settle(transfer(frozen, bob, '5.00', keys[2])),
      settle(transfer(unverified, bob, '5.00', keys[3])),
      settle(transfer(alice, bob, '20.00', repeated)),
      settle(transfer(alice, bob, '20.00', repeated)),
      settle(transfer(alice, bob, '21.00', repeated)),
      settle(transfer(alice, bob.number, '1.00', keys[4])),
      settle(transfer(alice, bob, '500.00', keys[5])),
      settle(transfer(alice, bob, '68.00', keys[6])),
    ]
    await new Promise((resolve) => setTimeout(resolve, 50))
    await release()

    const firstResult = (await first) as { value: Awaited<ReturnType<typeof transfer>> }
    const results = await Promise.all(batch)
    const booked = (i: number) => (results[i] as { value: Awaited<ReturnType<typeof transfer>> }).value
    const refused = (i: number) => (results[i] as { error: unknown }).error

    assert.isFalse(booked(0).replayed)
    assert.instanceOf(refused(1), InsufficientFundsException)
    assert.instanceOf(refused(2), AccountFrozenException)
    assert.instanceOf(refused(3), KycNotVerifiedException)
    assert.isFalse(booked(4).replayed)
    assert.isTrue(booked(5).replayed, 'the same key twice in one batch: the second replays the first')
    assert.equal(booked(5).transfer.id, booked(4).transfer.id)
    assert.instanceOf(refused(6), IdempotencyKeyReusedException)
    assert.equal(booked(7).transfer.creditorAccountId, bob.id, 'the creditor by account number')
    assert.instanceOf(refused(8), InsufficientFundsException, 'what earlier postings of the batch left: 69.00')
    assert.equal(booked(9).transfer.amount.toDecimalString(), '68.00', 'and exactly that much could go')

    /* One commit for the batch, another for the first transfer */
    const batchCommit = await committedIn(booked(0).transfer.id)
    for (const i of [4, 7, 9]) assert.equal(await committedIn(booked(i).transfer.id), batchCommit)
    assert.notEqual(await committedIn(firstResult.value.transfer.id), batchCommit)

    assert.deepInclude(await balances(alice.id), { balance: 0n, available: 0n })
    assert.deepInclude(await balances(bob.id), { balance: 99n * 100n, available: 99n * 100n })
    assert.deepInclude(await balances(frozen.id), { balance: 5000n, available: 5000n })

    /* The outbox: one job per booked (or replayed) posting, none for a refused one */
    const expected = [keys[0], repeated, repeated, keys[4], keys[6]].sort()
    assert.deepEqual(await announcedKeys([...keys, repeated]), expected)
    assert.isTrue((await (await app.container.make(LedgerVerifier)).verify()).ok)
  })

  test('a batch that fails as a whole books nothing, and every transfer in it gets the failure', async ({ assert }) => {
    const alice = await openAccount(await createCustomer(), { fund: '100.00' })
    const bob = await openAccount(await createCustomer(), {})
    const carol = await openAccount(await createCustomer(), {})

    /* The first transfer waits on bob's lock; the three behind it form one batch, which waits on carol's */
    const releaseBob = await lockAccount(bob)
    const releaseCarol = await lockAccount(carol)
    const first = settle(transfer(alice, bob, '1.00'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const keys = [key(), key(), key()]
    const batch = keys.map((k) => settle(transfer(alice, carol, '2.00', k)))
    await releaseBob()
    assert.property(await first, 'value')

    /* The batch is in the database, waiting; its connection is cut */
    await waitForBatch()
    await db.rawQuery(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where query like '%ledger_post_transfers%' and pid <> pg_backend_pid() and wait_event_type = 'Lock'`
    )
    await releaseCarol()
    for (const result of await Promise.all(batch)) assert.property(result, 'error')

    const booked = await db.from('idempotency_keys').whereIn('key', keys).count('* as n').first()
    assert.equal(Number(booked!.n), 0)
    assert.deepInclude(await balances(alice.id), { balance: 9900n, available: 9900n })
    assert.deepEqual(await announcedKeys(keys), [])
  })

  test('customer payments in batches and single postings of the same customers: day totals stay exact', async ({ assert }) => {
    env.set('LEDGER_BATCH_CONCURRENCY', 2)
    const customers = await Promise.all(Array.from({ length: 6 }, () => createCustomer()))
    const accounts = await Promise.all(customers.map((c) => openAccount(c, { fund: '500.00' })))
    const payees = await Promise.all(customers.map((c) => openAccount(c, {})))
    const deadlocks = async () =>
      Number((await db.rawQuery('select deadlocks from pg_stat_database where datname = current_database()')).rows[0].deadlocks)
    const before = await deadlocks()
    const policy = { ...policyFor(paymentsConfig, 'GBP'), authorisationId: null }
    const action = await app.container.make(PostTransfer)
    const booked = new Map<number, bigint>()

    await Promise.all(
      Array.from({ length: 120 }, async (_, n) => {
        const from = n % 6
        const to = (n * 5 + 1) % 6
        const amount = Money.fromDecimal(`${1 + (n % 9)}.00`, 'GBP')
        const input: PostTransferInput = {
          actor: { type: 'customer', id: customers[from] },
          debtorAccountId: accounts[from].id,
          creditor: { accountId: (n % 3 === 0 ? payees : accounts)[to === from ? (to + 1) % 6 : to].id },
          amount,
          idempotencyKey: key(),
          ownerCustomerId: customers[from],
          payment: policy,
        }
        /* every third one in a caller's transaction: the single path, which locks the day total, then the accounts */
        if (n % 3 === 1) await db.transaction((trx) => action.handle({ ...input, trx }))
        else await action.handle(input)
        booked.set(customers[from], (booked.get(customers[from]) ?? 0n) + amount.minor)
      })
    )
    assert.equal(await deadlocks(), before, 'no deadlock was detected (each would have cost a second)')
    const totals = await db.from('payment_daily_totals').whereIn('customer_id', customers).select('customer_id', 'total')
    for (const row of totals) assert.equal(BigInt(row.total), booked.get(Number(row.customer_id)), `customer ${row.customer_id}`)
    assert.isTrue((await (await app.container.make(LedgerVerifier)).verify()).ok)
  })

  test('a batch takes the day total before the accounts, as a single payment does: no deadlock between them', async ({ assert }) => {
    const payer = await createCustomer()
    const account = await openAccount(payer, { fund: '100.00' })
    const other = await openAccount(await createCustomer(), { fund: '100.00' })
    const payee = await openAccount(await createCustomer(), {})
    const held = await openAccount(await createCustomer(), {})
    const policy = { ...policyFor(paymentsConfig, 'GBP'), authorisationId: null }
    const pay = (from: Account, owner: number, to: Account) =>
      app.container.make(PostTransfer).then((action) =>
        action.handle({
          actor: { type: 'customer', id: owner },
          debtorAccountId: from.id,
          creditor: { accountId: to.id },
          amount: Money.fromDecimal('1.00', 'GBP'),
          idempotencyKey: key(),
          ownerCustomerId: owner,
          payment: policy,
        })
      )

    /* A single payment of the payer, midway: it holds the payer's day total (payment_guard ran) */
    const single = await db.transaction()
    await single.rawQuery(
      `insert into payment_daily_totals as t (customer_id, currency, day, total)
       values (?, 'GBP', (now() at time zone 'UTC')::date, 100) on conflict (customer_id, currency, day) do update set total = t.total + 100`,
      [payer]
    )

    /* A batch with a payment of the same payer, behind a busy first transfer */
    const release = await lockAccount(held)
    const first = settle(transfer(other, held, '1.00'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const batch = [settle(pay(account, payer, payee)), settle(transfer(other, payee, '1.00'))]
    await release()
    await first
    await waitForBatch()

    /* The single payment now takes its accounts' locks: the batch must not hold them */
    try {
      await single.rawQuery(`set local lock_timeout = '500ms'`) /* below deadlock_timeout (1 s) */
      await single.rawQuery('select 1 from accounts where id = ? for no key update', [account.id])
      await single.commit()
    } catch (error) {
      await single.rollback()
      throw error
    }
    for (const result of await Promise.all(batch)) assert.property(result, 'value')
  })

  test('with nothing in flight a transfer goes at once, as a batch of one', async ({ assert }) => {
    const alice = await openAccount(await createCustomer(), { fund: '10.00' })
    const bob = await openAccount(await createCustomer(), {})
    const started = performance.now()
    const { transfer: booked } = await transfer(alice, bob, '2.50')
    assert.isBelow(performance.now() - started, 1000)
    assert.equal(booked.amount.toDecimalString(), '2.50')
    assert.deepInclude(await balances(bob.id), { balance: 250n, available: 250n })
  })
})

/** Until a batch call (ledger_post_transfers) is waiting on a lock in the database */
async function waitForBatch() {
  for (let i = 0; i < 50; i++) {
    const { rows } = await db.rawQuery(
      `select count(*)::int as n from pg_stat_activity
        where query like '%ledger_post_transfers%' and wait_event_type = 'Lock' and pid <> pg_backend_pid()`
    )
    if (rows[0].n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('no batch is waiting in the database')
}
