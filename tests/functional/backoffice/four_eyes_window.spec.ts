import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import SubmitCashPosting from '#actions/teller/submit_cash_posting'
import SubmitTransfer from '#actions/teller/submit_transfer'
import DecideApproval from '#actions/approvals/decide_approval'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import type StaffUser from '#models/staff_user'
import type Account from '#models/account'
import { customerWithAccounts } from '#tests/helpers/customers'
import { openAccount } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'

/** FOUR_EYES_POSTING_LIMIT is the default 10000.00 in tests */
const LIMIT = '10000.00'
const context = { ip: '127.0.0.1', requestId: null }

/** Customer accounts funded by the system (not a teller posting: counts towards no total) */
async function accounts(count: number, currency = 'GBP', fund: string | null = null): Promise<Account[]> {
  const { customerId } = await customerWithAccounts([])
  const list: Account[] = []
  for (let i = 0; i < count; i++) list.push(await openAccount(customerId, { currency, fund: fund ?? undefined }))
  return list
}

async function teller() {
  return (await createStaff({ role: 'teller' })).staff
}

async function cash(staff: StaffUser, kind: 'deposit' | 'withdrawal', account: Account, amount: string, idempotencyKey = randomUUID()) {
  const submit = await app.container.make(SubmitCashPosting)
  return submit.handle({ kind, accountNumber: account.number, amount, idempotencyKey, staff, context })
}

async function transfer(staff: StaffUser, from: Account, to: Account, amount: string) {
  const submit = await app.container.make(SubmitTransfer)
  return submit.handle({
    fromAccountNumber: from.number, toAccountNumber: to.number, amount, idempotencyKey: randomUUID(), staff, context,
  })
}

async function balance(account: Account) {
  return (await db.from('accounts').where('id', account.id).firstOrFail()).balance as string
}

async function verifyLedger(assert: any) {
  const report = await new LedgerVerifier().verify()
  assert.isTrue(report.ok, JSON.stringify(report.discrepancies))
}

test.group('Four-eyes limit over a rolling window', () => {
  test('two deposits of exactly the limit to one account: the first books, the second waits for approval', async ({ assert }) => {
    const [account] = await accounts(1)
    const staff = await teller()

    const first = await cash(staff, 'deposit', account, LIMIT)
    const second = await cash(staff, 'deposit', account, LIMIT)

    assert.equal(first.status, 'posted')
    assert.equal(second.status, 'pending_approval')
    assert.match(second.message, /four-eyes limit: approval #\d+ is waiting/)
    assert.equal(await balance(account), '1000000')
    const approvals = await db.from('approvals').where({ maker_id: staff.id, kind: 'ledger.deposit', status: 'pending' })
    assert.lengthOf(approvals, 1)
  })

  test('two withdrawals of exactly the limit from one account: the second waits', async ({ assert }) => {
    const [account] = await accounts(1, 'GBP', '30000.00')
    const staff = await teller()

    assert.equal((await cash(staff, 'withdrawal', account, LIMIT)).status, 'posted')
    assert.equal((await cash(staff, 'withdrawal', account, LIMIT)).status, 'pending_approval')
    assert.equal(await balance(account), '2000000')
  })

  test('an account\'s total adds up the postings of different staff members', async ({ assert }) => {
    const [account] = await accounts(1)
    const [alice, bob] = [await teller(), await teller()]

    assert.equal((await cash(alice, 'deposit', account, '6000.00')).status, 'posted')
    assert.equal((await cash(bob, 'deposit', account, '4000.00')).status, 'posted')
    assert.equal((await cash(bob, 'deposit', account, '0.01')).status, 'pending_approval')
    assert.equal(await balance(account), '1000000')
  })

  test('a staff member\'s total adds up postings on different accounts, transfers included', async ({ assert }) => {
    const [a, b, c] = await accounts(3, 'GBP', '1000.00')
    const staff = await teller()

    assert.equal((await cash(staff, 'deposit', a, '7000.00')).status, 'posted')
    assert.equal((await transfer(staff, a, b, '3000.00')).status, 'posted')
    assert.equal((await cash(staff, 'withdrawal', c, '0.01')).status, 'pending_approval')
    assert.equal(await balance(c), '100000')
    assert.equal((await cash(await teller(), 'withdrawal', c, '0.01')).status, 'posted', 'another teller, untouched account')
  })

  test('a transfer counts on both of its accounts', async ({ assert }) => {
    const [from, to] = await accounts(2, 'GBP', '20000.00')
    const [alice, bob] = [await teller(), await teller()]

    assert.equal((await transfer(alice, from, to, LIMIT)).status, 'posted')
    assert.equal((await cash(bob, 'deposit', to, '0.01')).status, 'pending_approval')
  })

  test('totals are per currency', async ({ assert }) => {
    const [gbp] = await accounts(1, 'GBP')
    const [eur] = await accounts(1, 'EUR')
    const staff = await teller()

    assert.equal((await cash(staff, 'deposit', gbp, LIMIT)).status, 'posted')
    assert.equal((await cash(staff, 'deposit', eur, LIMIT)).status, 'posted')
  })

  test('an approved posting counts once it is booked, in its maker\'s total', async ({ assert }) => {
    const [a, b] = await accounts(2)
    const staff = await teller()
    const { staff: checker } = await createStaff({ role: 'compliance' })

    const filed = await cash(staff, 'deposit', a, '12000.00')
    assert.equal(filed.status, 'pending_approval')
    assert.equal((await cash(staff, 'deposit', b, '9000.00')).status, 'posted', 'a pending request counts nothing')

    await new DecideApproval().handle({ approvalId: (filed as any).approvalId, checker, decision: 'approve', context })
    assert.equal((await cash(staff, 'deposit', b, '0.01')).status, 'pending_approval')
  })

  test('a resubmitted form replays the booked posting even with the total now at the limit', async ({ assert }) => {
    const [account] = await accounts(1)
    const staff = await teller()
    const key = randomUUID()

    const first = await cash(staff, 'deposit', account, LIMIT, key)
    const again = await cash(staff, 'deposit', account, LIMIT, key)

    assert.equal(again.status, 'posted')
    assert.isTrue(again.replayed)
    assert.equal((again as any).transactionId, (first as any).transactionId)
    assert.equal(await balance(account), '1000000')
  })

  test('postings older than the window count nothing', async ({ assert }) => {
    const [account] = await accounts(1)
    const staff = await teller()
    const previous = env.get('FOUR_EYES_WINDOW_HOURS')
    env.set('FOUR_EYES_WINDOW_HOURS', String(1 / 3600)) /* one second */
    try {
      assert.equal((await cash(staff, 'deposit', account, LIMIT)).status, 'posted')
      assert.equal((await cash(staff, 'deposit', account, '0.01')).status, 'pending_approval', 'inside the window')
      await new Promise((resolve) => setTimeout(resolve, 1500))
      assert.equal((await cash(staff, 'deposit', account, LIMIT)).status, 'posted', 'the first deposit left the window')
    } finally {
      env.set('FOUR_EYES_WINDOW_HOURS', previous === undefined ? '' : String(previous))
    }
    assert.equal(await balance(account), '2000000')
  })

  test('parallel postings that each fit but together cross never both book', async ({ assert }) => {
    for (let round = 0; round < 3; round++) {
      const [shared] = await accounts(1)
      const [alice, bob] = [await teller(), await teller()]
      const perAccount = await Promise.all([cash(alice, 'deposit', shared, '6000.00'), cash(bob, 'deposit', shared, '6000.00')])
      assert.sameMembers(perAccount.map((o) => o.status), ['posted', 'pending_approval'], 'one account, two tellers')
      assert.equal(await balance(shared), '600000')

      const [x, y] = await accounts(2)
      const carol = await teller()
      const perStaff = await Promise.all([cash(carol, 'deposit', x, '6000.00'), cash(carol, 'deposit', y, '6000.00')])
      assert.sameMembers(perStaff.map((o) => o.status), ['posted', 'pending_approval'], 'one teller, two accounts')
    }
    await verifyLedger(assert)
  })
})
