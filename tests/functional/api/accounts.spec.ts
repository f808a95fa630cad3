import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import PostTransfer from '#actions/ledger/post_transfer'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import { Money } from '#domain/money/money'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'

test.group('API accounts', () => {
  test('lists only the customer\'s own accounts with ids as strings', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const other = await createApiCustomer()
    const current = await openAccount(me.id, { fund: '10.00' })
    const savings = await openAccount(me.id, { kind: 'savings' })
    await openAccount(other.id)

    const response = await client.get('/api/v1/accounts').bearerToken(await tokenFor(me.id))
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      data: [
        { id: String(current.id), number: current.number, kind: 'current', currency: 'GBP', status: 'active', name: 'Current account' },
        { id: String(savings.id), number: savings.number, kind: 'savings', currency: 'GBP', status: 'active', name: 'Savings account' },
      ],
      links: { next: null },
    })
  })

  test('paginates with an opaque cursor in links.next', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const opened = []
    for (let i = 0; i < 5; i++) opened.push(await openAccount(me.id))
    const token = await tokenFor(me.id)

    const seen: string[] = []
    let url: string | null = '/api/v1/accounts?limit=2'
    let pages = 0
    while (url) {
      const response = await client.get(url).bearerToken(token)
      response.assertStatus(200)
      assert.isAtMost(response.body().data.length, 2)
      seen.push(...response.body().data.map((a: any) => a.id))
      url = response.body().links.next
      pages++
    }
    assert.equal(pages, 3)
    assert.deepEqual(seen, opened.map((a) => String(a.id)))
  })

  test('rejects bad pagination input with 422 (limit out of range, forged cursor)', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const token = await tokenFor(me.id)
    const tooMany = await client.get('/api/v1/accounts?limit=101').bearerToken(token)
    const problem = assertProblem(assert, tooMany, 422, 'E_VALIDATION_ERROR')
    assert.equal(problem.errors[0].field, 'limit')
    const forged = await client.get('/api/v1/accounts?cursor=' + Buffer.from('e:1').toString('base64url')).bearerToken(token)
    assert.equal(assertProblem(assert, forged, 422, 'E_VALIDATION_ERROR').errors[0].field, 'cursor')
  })

  test('shows one account; another customer\'s or a non-numeric id is 404 E_ACCOUNT_NOT_FOUND', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const other = await createApiCustomer()
    const mine = await openAccount(me.id)
    const theirs = await openAccount(other.id)
    const token = await tokenFor(me.id)

    const ok = await client.get(`/api/v1/accounts/${mine.id}`).bearerToken(token)
    ok.assertStatus(200)
    assert.equal(ok.body().data.number, mine.number)

    for (const id of [String(theirs.id), 'abc', '0', '99999999999']) {
      assertProblem(assert, await client.get(`/api/v1/accounts/${id}`).bearerToken(token), 404, 'E_ACCOUNT_NOT_FOUND')
      assertProblem(assert, await client.get(`/api/v1/accounts/${id}/balances`).bearerToken(token), 404, 'E_ACCOUNT_NOT_FOUND')
      assertProblem(assert, await client.get(`/api/v1/accounts/${id}/transactions`).bearerToken(token), 404, 'E_ACCOUNT_NOT_FOUND')
    }
  })

  test('gives booked and available balances as decimal strings', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const account = await openAccount(me.id, { fund: '1234.56' })
    const response = await client.get(`/api/v1/accounts/${account.id}/balances`).bearerToken(await tokenFor(me.id))
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      data: {
        accountId: String(account.id),
        booked: { amount: '1234.56', currency: 'GBP' },
        available: { amount: '1234.56', currency: 'GBP' },
      },
    })
  })

  test('requires a token on every account route', async ({ client, assert }) => {
    for (const path of ['/api/v1/accounts', '/api/v1/accounts/1', '/api/v1/accounts/1/balances', '/api/v1/accounts/1/transactions']) {
      assertProblem(assert, await client.get(path), 401, 'E_UNAUTHORIZED')
    }
  })
})

test.group('API account transactions', () => {
  async function fundedPair() {
    const me = await createApiCustomer()
    const other = await createApiCustomer()
    const account = await openAccount(me.id, { fund: '100.00' })
    const payee = await openAccount(other.id)
    const post = await app.container.make(PostTransfer)
    for (const amount of ['1.00', '2.00', '3.00']) {
      await post.handle({
        actor: { type: 'customer', id: me.id },
        debtorAccountId: account.id,
        creditor: { accountId: payee.id },
        amount: Money.fromDecimal(amount, 'GBP'),
        reference: `pay ${amount}`,
        idempotencyKey: randomUUID(),
        ownerCustomerId: me.id,
      })
    }
    return { me, account, payee, token: await tokenFor(me.id) }
  }

  test('lists entries newest first with direction, decimal amounts and cursor pagination', async ({ client, assert }) => {
    const { account, payee, token } = await fundedPair()
    const first = await client.get(`/api/v1/accounts/${account.id}/transactions?limit=3`).bearerToken(token)
    first.assertStatus(200)
    const items = first.body().data
    assert.deepEqual(items.map((i: any) => [i.amount.amount, i.creditDebitIndicator, i.kind]), [
      ['3.00', 'debit', 'transfer'],
      ['2.00', 'debit', 'transfer'],
      ['1.00', 'debit', 'transfer'],
    ])
    assert.equal(items[0].counterpartyAccountId, String(payee.id))
    assert.equal(items[0].reference, 'pay 3.00')
    assert.isString(items[0].id)
    assert.isString(items[0].transactionId)
    assert.match(items[0].bookedAt, /^\d{4}-\d{2}-\d{2}T/)

    const next = first.body().links.next
    assert.isString(next)
    const second = await client.get(next).bearerToken(token)
    second.assertStatus(200)
    assert.deepEqual(second.body().data.map((i: any) => [i.amount.amount, i.creditDebitIndicator, i.kind]), [['100.00', 'credit', 'deposit']])
    assert.isNull(second.body().links.next)
  })

  test('shows cash deposits and withdrawals with counterparty "cash", never the bank\'s internal account id', async ({ client, assert }) => {
    const { account, payee, token } = await fundedPair()
    await (await app.container.make(PostWithdrawal)).handle({
      accountId: account.id, amount: Money.fromDecimal('4.00', 'GBP'), idempotencyKey: randomUUID(),
      actor: { type: 'system', id: 'api-tests' },
    })
    const vaultIds = (await db.from('accounts').where('kind', 'internal').select('id')).map((row) => String(row.id))

    const response = await client.get(`/api/v1/accounts/${account.id}/transactions?limit=10`).bearerToken(token)
    response.assertStatus(200)
    const items = response.body().data
    assert.deepEqual(items.map((i: any) => [i.kind, i.counterparty, i.counterpartyAccountId]), [
      ['withdrawal', 'cash', null],
      ['transfer', 'account', String(payee.id)],
      ['transfer', 'account', String(payee.id)],
      ['transfer', 'account', String(payee.id)],
      ['deposit', 'cash', null],
    ])
    for (const item of items) {
      for (const [field, value] of Object.entries(item)) {
        if (/accountId$/i.test(field)) assert.notInclude(vaultIds, value as string, `${field} is an internal account id`)
      }
    }
  })

  test('filters by bookedFrom/bookedTo calendar days', async ({ client, assert }) => {
    const { account, token } = await fundedPair()
    const today = new Date().toISOString().slice(0, 10)
    const inRange = await client.get(`/api/v1/accounts/${account.id}/transactions?bookedFrom=${today}&bookedTo=${today}`).bearerToken(token)
    assert.lengthOf(inRange.body().data, 4)
    const past = await client.get(`/api/v1/accounts/${account.id}/transactions?bookedFrom=2020-01-01&bookedTo=2020-01-31`).bearerToken(token)
    past.assertStatus(200)
    assert.lengthOf(past.body().data, 0)
  })

  test('rejects malformed dates and an inverted range with 422', async ({ client, assert }) => {
    const { account, token } = await fundedPair()
    const bad = await client.get(`/api/v1/accounts/${account.id}/transactions?bookedFrom=yesterday`).bearerToken(token)
    assert.equal(assertProblem(assert, bad, 422, 'E_VALIDATION_ERROR').errors[0].field, 'bookedFrom')
    const inverted = await client.get(`/api/v1/accounts/${account.id}/transactions?bookedFrom=2024-02-01&bookedTo=2024-01-01`).bearerToken(token)
    assert.equal(assertProblem(assert, inverted, 422, 'E_VALIDATION_ERROR').errors[0].field, 'bookedTo')
  })
})
