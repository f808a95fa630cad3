import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import DecideApproval from '#actions/approvals/decide_approval'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import type StaffUser from '#models/staff_user'
import { auditFor } from '#tests/helpers/audit'
import { resetLoginThrottle, nextFlash, signedInStaff } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { accountRow, entriesOf } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'

const context = { ip: '127.0.0.1', requestId: null }

function decide(approvalId: number, checker: StaffUser, decision: 'approve' | 'reject' = 'approve') {
  return new DecideApproval().handle({ approvalId, checker, decision, context })
}

async function approvalByKey(makerId: number, key: string) {
  return db.from('approvals').where({ maker_id: makerId, idempotency_key: key }).firstOrFail()
}

async function errorCode(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise
    return null
  } catch (error: any) {
    return error.code ?? String(error)
  }
}

async function verifyLedger(assert: any) {
  const report = await new LedgerVerifier().verify()
  assert.isTrue(report.ok, JSON.stringify(report.discrepancies))
}

test.group('Backoffice teller', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('renders three forms with fresh idempotency keys and the four-eyes limit', async ({ client, assert }) => {
    const { agent } = await signedInStaff(client, 'teller')
    const page = await agent.get('/backoffice/teller', { inertia: true })
    page.assertStatus(200)
    page.assertInertiaComponent('backoffice/teller/index')
    const props = page.inertiaProps
    assert.deepEqual(props.can, { deposit: true, withdraw: true, transfer: true })
    assert.deepEqual(props.urls, {
      deposit: '/backoffice/teller/deposit',
      withdraw: '/backoffice/teller/withdraw',
      transfer: '/backoffice/teller/transfer',
    })
    assert.equal(props.fourEyesLimit, '10000.00')
    const keys = Object.values(props.keys) as string[]
    assert.lengthOf(new Set(keys), 3)
    const again = await agent.get('/backoffice/teller', { inertia: true })
    assert.notEqual(again.inertiaProps.keys.deposit, props.keys.deposit)
    assert.include(props.nav.items.map((i: any) => i.href), '/backoffice/teller')
  })

  test('a cash deposit posts once however often the form is resubmitted', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '10.00' }])
    const account = accounts[0]
    const { agent, staff } = await signedInStaff(client, 'teller')
    const form = { accountNumber: account.number, amount: '250.75', reference: 'counter 3', idempotencyKey: randomUUID() }

    const first = await agent.post('/backoffice/teller/deposit', form)
    first.assertStatus(302)
    assert.equal(first.header('location'), '/backoffice/teller')
    const success = (await agent.flashAfter(first)).success!
    assert.match(success, new RegExp(`^Deposit of 250\\.75 GBP to ${account.number} booked \\(transaction #\\d+\\)\\.$`))

    const replay = await agent.post('/backoffice/teller/deposit', form)
    assert.equal((await agent.flashAfter(replay)).success, success)

    const row = await accountRow(account.id)
    assert.equal(row.balance, '26075')
    assert.equal(row.available, '26075')
    const entries = await entriesOf(account.id)
    assert.lengthOf(entries, 2)
    const txnId = entries[1].transaction_id
    const [audit] = await auditFor('ledger.deposit.posted', txnId)
    assert.equal(audit.actor_id, String(staff.id))

    const changed = await agent.post('/backoffice/teller/deposit', { ...form, amount: '1.00' })
    changed.assertStatus(302)
    assert.match((await nextFlash(agent)).error!, /./)
    assert.equal((await accountRow(account.id)).balance, '26075')
  })

  test('a withdrawal beyond the available funds is refused with a flash', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '10.00' }])
    const { agent } = await signedInStaff(client, 'teller')
    const response = await agent.post('/backoffice/teller/withdraw', {
      accountNumber: accounts[0].number,
      amount: '10.01',
      idempotencyKey: randomUUID(),
    })
    response.assertStatus(302)
    assert.match((await nextFlash(agent)).error!, /insufficient/i)
    assert.equal((await accountRow(accounts[0].id)).balance, '1000')

    const ok = await agent.post('/backoffice/teller/withdraw', {
      accountNumber: accounts[0].number.toLowerCase(),
      amount: '10.00',
      idempotencyKey: randomUUID(),
    })
    assert.match((await agent.flashAfter(ok)).success!, /^Withdrawal of 10\.00 GBP from/)
    assert.equal((await accountRow(accounts[0].id)).balance, '0')
  })

  test('rejects a malformed amount or an amount with too many decimals', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '10.00' }])
    const { agent } = await signedInStaff(client, 'teller')
    await agent.post('/backoffice/teller/deposit', { accountNumber: accounts[0].number, amount: '1e3', idempotencyKey: randomUUID() })
    const page = await agent.get('/backoffice/teller', { inertia: true })
    assert.property(page.inertiaProps.errors, 'amount')
    await agent.post('/backoffice/teller/deposit', { accountNumber: accounts[0].number, amount: '1.001', idempotencyKey: randomUUID() })
    assert.match((await nextFlash(agent)).error!, /not a positive GBP amount/)
    assert.equal((await accountRow(accounts[0].id)).balance, '1000')
  })

  test('a transfer between two accounts moves the money once', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([
      { currency: 'GBP', amount: '100.00' },
      { currency: 'GBP' },
    ])
    const { agent } = await signedInStaff(client, 'teller')
    const form = {
      fromAccountNumber: accounts[0].number,
      toAccountNumber: accounts[1].number,
      amount: '40.10',
      reference: 'rent',
      idempotencyKey: randomUUID(),
    }
    const response = await agent.post('/backoffice/teller/transfer', form)
    assert.match((await agent.flashAfter(response)).success!, /^Transfer of 40\.10 GBP from .* booked/)
    await agent.post('/backoffice/teller/transfer', form)
    assert.equal((await accountRow(accounts[0].id)).balance, '5990')
    assert.equal((await accountRow(accounts[1].id)).balance, '4010')
    await verifyLedger(assert)
  })
})

test.group('Backoffice four-eyes postings', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('a deposit above the limit files an approval; a second staff member books it exactly once', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '5.00' }])
    const account = accounts[0]
    const { agent, staff } = await signedInStaff(client, 'teller')
    const { staff: checker } = await createStaff({ role: 'compliance' })
    const key = randomUUID()
    const form = { accountNumber: account.number, amount: '10000.01', reference: 'big', idempotencyKey: key }

    const response = await agent.post('/backoffice/teller/deposit', form)
    const flash = (await agent.flashAfter(response)).success!
    assert.match(flash, /above the four-eyes limit: approval #\d+ is waiting/)
    await agent.post('/backoffice/teller/deposit', form)
    const approvals = await db.from('approvals').where({ maker_id: staff.id, kind: 'ledger.deposit' })
    assert.lengthOf(approvals, 1)
    assert.equal((await accountRow(account.id)).balance, '500')
    assert.lengthOf(await entriesOf(account.id), 1)

    assert.equal(await errorCode(decide(Number(approvals[0].id), staff)), 'E_FOUR_EYES')
    const decided = await decide(Number(approvals[0].id), checker)
    assert.equal(decided.status, 'approved')
    const txnId = (decided.result as any).transactionId
    assert.isNumber(txnId)
    assert.equal((await accountRow(account.id)).balance, '1000501')

    assert.equal(await errorCode(decide(Number(approvals[0].id), checker)), 'E_APPROVAL_ALREADY_DECIDED')
    assert.equal((await accountRow(account.id)).balance, '1000501')
    assert.lengthOf(await entriesOf(account.id), 2)

    const txn = await db.from('ledger_transactions').where('id', txnId).firstOrFail()
    assert.equal(txn.actor_id, String(staff.id))
    assert.equal(txn.reference, 'big')
    const [audit] = await auditFor('ledger.deposit.posted', txnId)
    assert.equal(audit.actor_id, String(staff.id))
    assert.containsSubset(audit.metadata, { approval_id: String(approvals[0].id), checker_id: String(checker.id) })
    const key2 = await db.from('idempotency_keys').where({ scope: `staff:${staff.id}`, key: `approval:${approvals[0].id}` }).first()
    assert.isNotNull(key2)
    await verifyLedger(assert)
  })

  test('a rejected large transfer moves nothing', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '20000.00' }, { currency: 'GBP' }])
    const { agent, staff } = await signedInStaff(client, 'teller')
    const { staff: checker } = await createStaff({ role: 'admin' })
    const key = randomUUID()
    await agent.post('/backoffice/teller/transfer', {
      fromAccountNumber: accounts[0].number,
      toAccountNumber: accounts[1].number,
      amount: '15000.00',
      idempotencyKey: key,
    })
    const approval = await approvalByKey(staff.id, key)
    assert.equal(approval.kind, 'ledger.transfer')
    const decided = await decide(Number(approval.id), checker, 'reject')
    assert.equal(decided.status, 'rejected')
    assert.equal((await accountRow(accounts[0].id)).balance, '2000000')
    assert.equal((await accountRow(accounts[1].id)).balance, '0')
  })

  test('an approved large transfer books in the maker\'s name', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '20000.00' }, { currency: 'GBP' }])
    const { agent, staff } = await signedInStaff(client, 'teller')
    const { staff: checker } = await createStaff({ role: 'compliance' })
    const key = randomUUID()
    await agent.post('/backoffice/teller/transfer', {
      fromAccountNumber: accounts[0].number,
      toAccountNumber: accounts[1].number,
      amount: '15000.00',
      idempotencyKey: key,
    })
    const approval = await approvalByKey(staff.id, key)
    const decided = await decide(Number(approval.id), checker)
    const txn = await db.from('ledger_transactions').where('id', (decided.result as any).transactionId).firstOrFail()
    assert.include(txn, { kind: 'transfer', actor_id: String(staff.id), amount: '1500000' })
    assert.equal((await accountRow(accounts[0].id)).balance, '500000')
    assert.equal((await accountRow(accounts[1].id)).balance, '1500000')
  })

  test('a handler failure at approval time rolls back and leaves the approval pending', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '12000.00' }])
    const account = accounts[0]
    const { agent, staff } = await signedInStaff(client, 'teller')
    const { staff: checker } = await createStaff({ role: 'compliance' })
    const key = randomUUID()
    await agent.post('/backoffice/teller/withdraw', { accountNumber: account.number, amount: '11000.00', idempotencyKey: key })
    const approval = await approvalByKey(staff.id, key)
    assert.equal(approval.kind, 'ledger.withdrawal')

    await agent.post('/backoffice/teller/withdraw', { accountNumber: account.number, amount: '5000.00', idempotencyKey: randomUUID() })
    assert.equal((await accountRow(account.id)).balance, '700000')

    assert.equal(await errorCode(decide(Number(approval.id), checker)), 'E_INSUFFICIENT_FUNDS')
    const after = await db.from('approvals').where('id', approval.id).firstOrFail()
    assert.equal(after.status, 'pending')
    assert.isNull(after.checker_id)
    assert.lengthOf(await auditFor('approval.approved', approval.id), 0)
    assert.equal((await accountRow(account.id)).balance, '700000')
    assert.isNull(await db.from('idempotency_keys').where({ key: `approval:${approval.id}` }).first())
    await verifyLedger(assert)
  })

  test('an approved reversal books the mirrored entries once', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '30.00' }])
    const account = accounts[0]
    const { agent, staff } = await signedInStaff(client, 'teller')
    const { staff: checker } = await createStaff({ role: 'compliance' })
    const [credit] = await entriesOf(account.id)
    const key = randomUUID()
    await agent.post(`/backoffice/transactions/${credit.transaction_id}/reverse`, { reason: 'Wrong account', idempotencyKey: key })
    const approval = await approvalByKey(staff.id, key)
    assert.equal((await accountRow(account.id)).balance, '3000')

    const decided = await decide(Number(approval.id), checker)
    const reversal = await db.from('ledger_transactions').where('reverses_id', credit.transaction_id).firstOrFail()
    assert.equal((decided.result as any).transactionId, Number(reversal.id))
    assert.include(reversal, { kind: 'reversal', description: 'Wrong account', actor_id: String(staff.id) })
    assert.equal((await accountRow(account.id)).balance, '0')

    const page = await agent.get(`/backoffice/transactions/${credit.transaction_id}`, { inertia: true })
    assert.equal(page.inertiaProps.transaction.reversedById, Number(reversal.id))
    await verifyLedger(assert)
  })

  test('adjustments are always four-eyes and post against suspense', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'EUR', amount: '10.00' }])
    const account = accounts[0]
    const { agent, staff } = await signedInStaff(client, 'compliance')
    const { staff: checker } = await createStaff({ role: 'admin' })

    const page = await agent.get(`/backoffice/adjustments/create?account=${account.number}`, { inertia: true })
    page.assertInertiaComponent('backoffice/adjustments/create')
    assert.equal(page.inertiaProps.accountNumber, account.number)
    const key = page.inertiaProps.idempotencyKey
    const form = { accountNumber: account.number, direction: 'credit', amount: '0.50', reason: 'Fee refund', idempotencyKey: key }
    const response = await agent.post(page.inertiaProps.urls.store, form)
    assert.match((await agent.flashAfter(response)).success!, /approval #\d+ is waiting/)
    await agent.post(page.inertiaProps.urls.store, form)
    const approval = await approvalByKey(staff.id, key)
    assert.equal(approval.kind, 'ledger.adjustment')
    assert.equal((await accountRow(account.id)).balance, '1000')

    const decided = await decide(Number(approval.id), checker)
    const txn = await db.from('ledger_transactions').where('id', (decided.result as any).transactionId).firstOrFail()
    assert.include(txn, { kind: 'adjustment', description: 'Fee refund', amount: '50' })
    assert.containsSubset(txn.metadata, { approval_id: String(approval.id), checker_id: String(checker.id) })
    const suspense = await db.from('accounts').where({ system_code: 'suspense', currency: 'EUR' }).firstOrFail()
    const lines = await db.from('ledger_entries').where('transaction_id', txn.id).orderBy('id')
    assert.deepEqual(
      lines.map((l) => [Number(l.account_id), l.direction, l.amount]),
      [[Number(suspense.id), 'debit', '50'], [account.id, 'credit', '50']]
    )
    assert.equal((await accountRow(account.id)).balance, '1050')
    const [audit] = await auditFor('ledger.adjustment.posted', txn.id)
    assert.equal(audit.actor_id, String(staff.id))

    const debitKey = randomUUID()
    await agent.post(page.inertiaProps.urls.store, { ...form, direction: 'debit', amount: '20.00', idempotencyKey: debitKey })
    const debit = await approvalByKey(staff.id, debitKey)
    assert.equal(await errorCode(decide(Number(debit.id), checker)), 'E_INSUFFICIENT_FUNDS')
    await agent.post(page.inertiaProps.urls.store, { ...form, direction: 'debit', amount: '10.50', idempotencyKey: randomUUID() })
    const last = await db.from('approvals').where({ maker_id: staff.id, kind: 'ledger.adjustment' }).orderBy('id', 'desc').firstOrFail()
    await decide(Number(last.id), checker)
    assert.equal((await accountRow(account.id)).balance, '0')
    await verifyLedger(assert)
  })
})
