import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import queueConfig from '#config/queue'
import AnnouncePosting from '#actions/ledger/announce_posting'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import PostTransfer from '#actions/ledger/post_transfer'
import PlaceHold from '#actions/ledger/place_hold'
import ReleaseHold from '#actions/ledger/release_hold'
import { Money } from '#domain/money/money'
import { idempotencyScope } from '#domain/ledger/request_hash'
import { createCustomer, key, openAccount, teller } from '#tests/helpers/ledger'
import { dispatchJobs } from '#tests/functional/notifications/outbox_jobs'

const gbp = (v: string) => Money.fromDecimal(v, 'GBP')
const announce = async (payload: Parameters<AnnouncePosting['handle']>[0]) => (await app.container.make(AnnouncePosting)).handle(payload)
const scope = idempotencyScope(teller)

async function riskJobs(transactionId: number) {
  return db
    .from(`${queueConfig.schema}.job`)
    .where('name', 'risk.score')
    .whereRaw(`data->>'subjectId' = ?`, [String(transactionId)])
}

/**
 * The 'ledger.posted' job (AnnouncePosting): a committed posting tells each
 * customer whose account it touched, in one transaction that enqueues every
 * notice (and the posting's risk scoring); each notice's dedupe key is the
 * transaction and account, so a re-delivered job notifies nobody twice.
 */
test.group('Posting notices (ledger.posted)', () => {
  test('a transfer tells the payer money sent and the payee money received, and queues its risk scoring', async ({ assert }) => {
    const payer = await createCustomer()
    const payee = await createCustomer()
    const from = await openAccount(payer, { fund: '100.00' })
    const to = await openAccount(payee)
    const transferKey = key()
    const { transfer } = await (await app.container.make(PostTransfer)).handle({
      actor: teller, debtorAccountId: from.id, creditor: { accountId: to.id }, amount: gbp('12.34'), idempotencyKey: transferKey,
    })
    await announce({ scope, key: transferKey })

    const [sent] = await dispatchJobs(payer, 'money_sent')
    assert.deepEqual(sent.data.data, { amountMinor: '1234', currency: 'GBP', accountEnding: from.number.slice(-4) })
    assert.equal(sent.data.dedupeKey, `ledger:${transfer.id}:${from.id}:debit`)
    const [received] = await dispatchJobs(payee, 'money_received')
    assert.equal(received.data.dedupeKey, `ledger:${transfer.id}:${to.id}:credit`)
    assert.lengthOf(await riskJobs(transfer.id), 1)
  })

  test('a cash withdrawal above LARGE_WITHDRAWAL_AMOUNT is a large withdrawal; 1,000.00 itself is money sent', async ({ assert }) => {
    const customer = await createCustomer()
    const account = await openAccount(customer, { fund: '5000.00' })
    const withdraw = await app.container.make(PostWithdrawal)
    const exactly = key()
    const above = key()
    await withdraw.handle({ accountId: account.id, amount: gbp('1000.00'), idempotencyKey: exactly, actor: teller })
    await withdraw.handle({ accountId: account.id, amount: gbp('1000.01'), idempotencyKey: above, actor: teller })
    await announce({ scope, key: exactly })
    await announce({ scope, key: above })
    assert.lengthOf(await dispatchJobs(customer, 'money_sent'), 1)
    const [large] = await dispatchJobs(customer, 'large_withdrawal')
    assert.equal(large.data.data.amountMinor, '100001')
  })

  test('a hold placed and released tells the customer both; a re-delivered job enqueues the same dedupe key', async ({ assert }) => {
    const customer = await createCustomer()
    const account = await openAccount(customer, { fund: '50.00' })
    const holdKey = key()
    const { hold } = await (await app.container.make(PlaceHold)).handle({
      accountId: account.id, amount: gbp('20.00'), idempotencyKey: holdKey, actor: teller,
    })
    await announce({ scope, key: holdKey })
    await (await app.container.make(ReleaseHold)).handle({ holdId: hold.id, actor: teller })
    await announce({ holdId: hold.id })
    await announce({ holdId: hold.id })

    const [placed] = await dispatchJobs(customer, 'hold_placed')
    assert.equal(placed.data.dedupeKey, `hold:${hold.id}:hold_placed`)
    const released = await dispatchJobs(customer, 'hold_released')
    assert.lengthOf(released, 2, 'the job ran twice')
    assert.equal(released[0].data.dedupeKey, released[1].data.dedupeKey, 'one notice: DispatchNotification dedupes on it')
  })

  test('a key that booked nothing tells nobody; the posting it names does, once announced', async ({ assert }) => {
    const customer = await createCustomer()
    const account = await openAccount(customer)
    const depositKey = key()
    await (await app.container.make(PostDeposit)).handle({ accountId: account.id, amount: gbp('5.00'), idempotencyKey: depositKey, actor: teller })
    await announce({ scope, key: 'never-used-' + key() })
    assert.lengthOf(await dispatchJobs(customer, 'money_received'), 0)
    await announce({ scope, key: depositKey })
    assert.lengthOf(await dispatchJobs(customer, 'money_received'), 1)
  })
})
