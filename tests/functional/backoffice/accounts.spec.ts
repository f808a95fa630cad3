import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import PlaceHold from '#actions/ledger/place_hold'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import { Money } from '#domain/money/money'
import { auditFor } from '#tests/helpers/audit'
import { resetLoginThrottle, nextFlash, signedInStaff } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { accountRow } from '#tests/helpers/ledger'

const system = { type: 'system' as const, id: null }

async function deposit(accountId: number, amount: string, reference: string | null = null) {
  return (await app.container.make(PostDeposit)).handle({
    accountId,
    amount: Money.fromDecimal(amount, 'GBP'),
    reference,
    idempotencyKey: randomUUID(),
    actor: system,
  })
}

test.group('Backoffice accounts: open, freeze, close', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a teller opens an account for a customer and lands on its statement', async ({ client, assert }) => {
    const { customerId } = await customerWithAccounts([])
    const { agent, staff } = await signedInStaff(client, 'teller')

    const response = await agent.post('/backoffice/accounts', { customerId, kind: 'savings', currency: 'EUR' })

    response.assertStatus(302)
    const account = await db.from('accounts').where('customer_id', customerId).firstOrFail()
    assert.equal(response.header('location'), `/backoffice/accounts/${account.id}`)
    assert.include(account, { kind: 'savings', currency: 'EUR', status: 'active', balance: '0' })
    const [audit] = await auditFor('account.opened', account.id)
    assert.equal(audit.actor_id, String(staff.id))
    assert.equal(audit.actor_type, 'staff')
    const flash = await agent.flashAfter(response)
    assert.match(flash.success!, new RegExp(`Account ${account.number} opened`))
  })

  test('refuses an unsupported currency with a flash, opening nothing', async ({ client, assert }) => {
    const { customerId } = await customerWithAccounts([])
    const { agent } = await signedInStaff(client, 'teller')
    const response = await agent.post('/backoffice/accounts', { customerId, kind: 'current', currency: 'JPY' })
    response.assertStatus(302)
    assert.isNull(await db.from('accounts').where('customer_id', customerId).first())
    assert.isString((await nextFlash(agent)).error)
  })

  test('compliance freezes with a reason (audited before/after); debits are then refused; unfreeze restores', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '50.00' }])
    const account = accounts[0]
    const { agent, staff } = await signedInStaff(client, 'compliance')

    const missing = await agent.post(`/backoffice/accounts/${account.id}/freeze`, { reason: '' })
    missing.assertStatus(302)
    assert.equal((await accountRow(account.id)).status, 'active')

    const frozen = await agent.post(`/backoffice/accounts/${account.id}/freeze`, { reason: 'Suspected fraud' })
    frozen.assertStatus(302)
    assert.equal(frozen.header('location'), `/backoffice/accounts/${account.id}`)
    assert.include(await accountRow(account.id), { status: 'frozen', status_reason: 'Suspected fraud' })
    const [audit] = await auditFor('account.frozen', account.id)
    assert.equal(audit.actor_id, String(staff.id))
    assert.deepInclude(audit.before, { status: 'active' })
    assert.deepInclude(audit.after, { status: 'frozen', status_reason: 'Suspected fraud' })

    await assert.rejects(
      async () =>
        (await app.container.make(PostWithdrawal)).handle({
          accountId: account.id,
          amount: Money.fromDecimal('1.00', 'GBP'),
          idempotencyKey: randomUUID(),
          actor: system,
        }),
      /frozen/
    )
    const again = await agent.post(`/backoffice/accounts/${account.id}/freeze`, { reason: 'Twice' })
    again.assertStatus(302)
    assert.match((await nextFlash(agent, `/backoffice/accounts/${account.id}`)).error!, /already frozen/)

    await agent.post(`/backoffice/accounts/${account.id}/unfreeze`, { reason: 'Cleared by investigation' })
    assert.equal((await accountRow(account.id)).status, 'active')
    const [lifted] = await auditFor('account.unfrozen', account.id)
    assert.deepInclude(lifted.before, { status: 'frozen' })
    assert.deepInclude(lifted.after, { status: 'active' })
  })

  test('closing refuses a non-zero balance and active holds, then closes at zero', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '10.00' }])
    const account = accounts[0]
    const { agent } = await signedInStaff(client, 'teller')

    await agent.post(`/backoffice/accounts/${account.id}/close`, { reason: 'Customer request' })
    assert.match((await nextFlash(agent, `/backoffice/accounts/${account.id}`)).error!, /zero balance/)
    assert.equal((await accountRow(account.id)).status, 'active')

    await (await app.container.make(PostWithdrawal)).handle({
      accountId: account.id,
      amount: Money.fromDecimal('10.00', 'GBP'),
      idempotencyKey: randomUUID(),
      actor: system,
    })
    await deposit(account.id, '1.00')
    await (await app.container.make(PlaceHold)).handle({
      accountId: account.id,
      amount: Money.fromDecimal('1.00', 'GBP'),
      idempotencyKey: randomUUID(),
      actor: system,
    })
    await agent.post(`/backoffice/accounts/${account.id}/close`, { reason: 'Customer request' })
    assert.match((await nextFlash(agent, `/backoffice/accounts/${account.id}`)).error!, /active holds/)
    assert.equal((await accountRow(account.id)).status, 'active')

    await db.from('holds').where('account_id', account.id).update({ status: 'released', released_at: new Date() })
    await db.from('accounts').where('id', account.id).update({ available: db.raw('balance') })
    await (await app.container.make(PostWithdrawal)).handle({
      accountId: account.id,
      amount: Money.fromDecimal('1.00', 'GBP'),
      idempotencyKey: randomUUID(),
      actor: system,
    })
    const closed = await agent.post(`/backoffice/accounts/${account.id}/close`, { reason: 'Customer request' })
    closed.assertStatus(302)
    const row = await accountRow(account.id)
    assert.equal(row.status, 'closed')
    assert.isNotNull(row.closed_at)
    const [audit] = await auditFor('account.closed', account.id)
    assert.deepInclude(audit.after, { status: 'closed', status_reason: 'Customer request' })
    await assert.rejects(() => deposit(account.id, '1.00'), /closed/)
  })
})

test.group('Backoffice statement', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('shows the header, every entry with its running balance, correct on later pages', async ({ client, assert }) => {
    const { accounts, customerId } = await customerWithAccounts([{ currency: 'GBP', amount: '100.00' }])
    const account = accounts[0]
    for (let i = 1; i <= 27; i++) await deposit(account.id, '1.00', `dep-${i}`)
    await (await app.container.make(PostWithdrawal)).handle({
      accountId: account.id,
      amount: Money.fromDecimal('0.50', 'GBP'),
      reference: 'atm',
      idempotencyKey: randomUUID(),
      actor: system,
    })
    const { agent } = await signedInStaff(client, 'auditor')

    const first = await agent.get(`/backoffice/accounts/${account.id}`, { inertia: true })
    first.assertStatus(200)
    first.assertInertiaComponent('backoffice/accounts/show')
    const props = first.inertiaProps
    assert.containsSubset(props.account, {
      id: account.id,
      number: account.number,
      status: 'active',
      balance: { amount: '126.50', currency: 'GBP' },
      available: { amount: '126.50', currency: 'GBP' },
      customer: { id: customerId },
    })
    assert.deepEqual(props.can, { export: true, freeze: false, close: false, adjust: false })
    assert.containsSubset(props.entries.metadata, { total: 29, currentPage: 1, lastPage: 2, perPage: 25 })
    assert.lengthOf(props.entries.data, 25)
    assert.containsSubset(props.entries.data[0], {
      direction: 'debit',
      debit: { amount: '0.50', currency: 'GBP' },
      credit: null,
      runningBalance: { amount: '126.50', currency: 'GBP' },
      reference: 'atm',
    })
    assert.equal(props.entries.data[0].transactionUrl, `/backoffice/transactions/${props.entries.data[0].transactionId}`)
    assert.equal(props.entries.data[1].runningBalance.amount, '127.00')

    const second = await agent.get(`/backoffice/accounts/${account.id}?page=2`, { inertia: true })
    const older = second.inertiaProps.entries.data
    assert.lengthOf(older, 4)
    assert.deepEqual(
      older.map((l: any) => l.runningBalance.amount),
      ['103.00', '102.00', '101.00', '100.00']
    )

    const debits = await agent.get(`/backoffice/accounts/${account.id}?direction=debit`, { inertia: true })
    assert.equal(debits.inertiaProps.entries.metadata.total, 1)
    assert.equal(debits.inertiaProps.entries.data[0].runningBalance.amount, '126.50')

    const future = await agent.get(`/backoffice/accounts/${account.id}?from=2999-01-01`, { inertia: true })
    assert.equal(future.inertiaProps.entries.metadata.total, 0)
    const today = new Date().toISOString().slice(0, 10)
    const ranged = await agent.get(`/backoffice/accounts/${account.id}?from=${today}&to=${today}`, { inertia: true })
    assert.equal(ranged.inertiaProps.entries.metadata.total, 29)
  })

  test('exports the filtered statement as CSV, audited', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '20.00' }])
    const account = accounts[0]
    await deposit(account.id, '0.05', '=HYPERLINK("x"), "quoted"')
    const { agent, staff } = await signedInStaff(client, 'teller')
    const today = new Date().toISOString().slice(0, 10)

    const response = await agent.get(`/backoffice/accounts/${account.id}/export?from=${today}&to=${today}`)

    response.assertStatus(200)
    assert.match(response.header('content-type')!, /^text\/csv/)
    assert.equal(
      response.header('content-disposition'),
      `attachment; filename="statement-${account.number}-${today}_${today}.csv"`
    )
    const lines = response.text().trimEnd().split('\r\n')
    assert.equal(lines[0], 'booked_at,transaction_id,kind,reference,description,debit,credit,balance,currency')
    assert.lengthOf(lines, 3)
    assert.match(lines[1], /,deposit,,,,20\.00,20\.00,GBP$/)
    assert.match(lines[2], /,deposit,"'=HYPERLINK\(""x""\), ""quoted""",,,0\.05,20\.05,GBP$/)
    const [audit] = await auditFor('account.statement.exported', account.id)
    assert.equal(audit.actor_id, String(staff.id))
    assert.containsSubset(audit.metadata, { rows: 2, filters: { from: today, to: today } })
  })

  test('exports a reference with ;-separated formula parts quoted and neutralised', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP' }])
    const account = accounts[0]
    await deposit(account.id, '1.00', "inv;=cmd|' /C calc'!A0;")
    const { agent } = await signedInStaff(client, 'teller')

    const response = await agent.get(`/backoffice/accounts/${account.id}/export`)

    response.assertStatus(200)
    const lines = response.text().trimEnd().split('\r\n')
    assert.lengthOf(lines, 2)
    assert.match(lines[1], /,deposit,"inv;'=cmd\|' \/C calc'!A0;",,,1\.00,1\.00,GBP$/)
  })

  test('a missing account is a 404 page', async ({ client }) => {
    const { agent } = await signedInStaff(client, 'teller')
    const response = await agent.get('/backoffice/accounts/999999999', { inertia: true })
    response.assertStatus(404)
  })
})

test.group('Backoffice transaction detail and reversal request', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('shows the transaction with all its entries and files a four-eyes reversal', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '40.00' }])
    const account = accounts[0]
    const { transaction } = await deposit(account.id, '15.00', 'counter')
    const { agent, staff } = await signedInStaff(client, 'teller')

    const page = await agent.get(`/backoffice/transactions/${transaction.id}`, { inertia: true })
    page.assertInertiaComponent('backoffice/transactions/show')
    const props = page.inertiaProps
    assert.containsSubset(props.transaction, {
      id: transaction.id,
      kind: 'deposit',
      amount: { amount: '15.00', currency: 'GBP' },
      reference: 'counter',
      reversedById: null,
      pendingReversalApprovalId: null,
    })
    assert.lengthOf(props.transaction.entries, 2)
    assert.containsSubset(props.transaction.entries, [
      { accountId: account.id, direction: 'credit', internal: false, amount: { amount: '15.00', currency: 'GBP' } },
      { direction: 'debit', internal: true },
    ])
    assert.deepEqual(props.can, { reverse: true })
    assert.equal(props.urls.reverse, `/backoffice/transactions/${transaction.id}/reverse`)

    const key = props.reversalKey
    const response = await agent.post(props.urls.reverse, { reason: 'Keyed twice', idempotencyKey: key })
    response.assertStatus(302)
    await agent.post(props.urls.reverse, { reason: 'Keyed twice', idempotencyKey: key })
    const approvals = await db.from('approvals').where({ kind: 'ledger.reversal', subject_id: String(transaction.id) })
    assert.lengthOf(approvals, 1)
    assert.include(approvals[0], { status: 'pending', maker_id: String(staff.id) })
    assert.equal((await accountRow(account.id)).balance, '5500')
    assert.isNull(await db.from('ledger_transactions').where('reverses_id', transaction.id).first())

    const other = await agent.post(props.urls.reverse, { reason: 'Again', idempotencyKey: randomUUID() })
    other.assertStatus(302)
    assert.match((await nextFlash(agent)).error!, /already waiting/)
    const after = await agent.get(`/backoffice/transactions/${transaction.id}`, { inertia: true })
    assert.equal(after.inertiaProps.transaction.pendingReversalApprovalId, Number(approvals[0].id))

    const report = await new LedgerVerifier().verify()
    assert.isTrue(report.ok, JSON.stringify(report.discrepancies))
  })
})
