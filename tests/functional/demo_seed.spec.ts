import { test } from '@japa/runner'
import Customer from '#models/customer'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import SeedDemoBank from '#actions/demo/seed_demo_bank'
import WipeDemoDatabase from '#actions/demo/wipe_demo_database'
import LedgerVerifier from '#services/ledger/ledger_verifier'
import {
  CUSTOMER_PASSWORD,
  demoAccountNumber,
  demoCustomer,
  STAFF_PASSWORD,
  STAFF_ROLES,
} from '#database/demo/demo_bank'
import { isValidAccountNumber } from '#domain/ledger/account_number'
import { explicitResidencyEnv } from '#services/residency/regions'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import { demoHistory, HISTORY_DAYS, type DemoPosting } from '#database/demo/demo_history'
import { Money } from '#domain/money/money'
import PostDeposit from '#actions/ledger/post_deposit'
import AuditVerifier from '#services/audit/audit_verifier'
import { backdatingAllowed, bookNextPostingsAt } from '#services/ledger/ledger_booking_time'
import { OWNER_CONNECTION } from '#services/database/database_roles'
import fourEyesConfig from '#config/four_eyes'
import DemoSeedRefusedException from '#exceptions/demo_seed_refused_exception'
import BackdatingRefusedException from '#exceptions/backdating_refused_exception'

/** Demo customer numbers are C00000001…C00999999 (backoffice ones start at C10000001); emails are sealed */
const DEMO_NUMBER = "customer_number ~ '^C00[0-9]{6}$'"
const demoCustomers = () => db.from('customers').whereRaw(DEMO_NUMBER)

async function demoAccounts() {
  return db
    .from('accounts')
    .join('customers', 'customers.id', 'accounts.customer_id')
    .whereRaw(`customers.${DEMO_NUMBER}`)
    .select('accounts.*', 'customers.customer_number')
}

/** The ledger transactions touching these accounts, in booking order */
async function demoTransactions(accountIds: number[]) {
  const rows = await db
    .from('ledger_transactions')
    .whereIn('debtor_account_id', accountIds)
    .orWhereIn('creditor_account_id', accountIds)
    .orderBy('booked_at')
    .orderBy('id')
  return rows.map((t) => ({ ...t, debtor_account_id: t.debtor_account_id && Number(t.debtor_account_id), creditor_account_id: t.creditor_account_id && Number(t.creditor_account_id) }))
}

/** "index:kind" -> balance, from the pure plans alone */
function plannedBalances(plans: DemoPosting[][]) {
  const balances = new Map<string, bigint>()
  const add = (key: string, delta: bigint) => balances.set(key, (balances.get(key) ?? 0n) + delta)
  for (const p of plans.flat()) {
    add(`${p.customer}:${p.account}`, p.kind === 'deposit' ? p.amount : -p.amount)
    if (p.to) add(`${p.to.customer}:${p.to.account}`, p.amount)
  }
  return balances
}

test.group('demo:seed', () => {
  test('creates staff per role and 20 customers with two accounts whose balances are exactly their planned history', async ({ assert }) => {
    const seed = await app.container.make(SeedDemoBank)
    const { credentials, created } = await seed.handle({ customers: 20 })

    const staff = await db
      .from('staff_users')
      .whereIn('email', credentials.staff.map((s) => s.email))
      .orderBy('id')
    assert.sameMembers(staff.map((s) => s.role), [...STAFF_ROLES])
    for (const row of staff) {
      const listed = credentials.staff.find((s) => s.email === row.email)!
      assert.equal(encryption.decrypt(row.totp_secret), listed.totpSecret)
      assert.isNotNull(row.totp_enabled_at)
      assert.isTrue(await hash.verify(row.password, STAFF_PASSWORD))
      assert.deepEqual(row.recovery_codes, listed.recoveryCodes.map(hashRecoveryCode))
    }

    const customers = await demoCustomers().orderBy('customer_number')
    assert.lengthOf(customers, 20)
    assert.isTrue(await hash.verify(customers[0].password, CUSTOMER_PASSWORD))
    assert.equal(encryption.decrypt(customers[0].totp_secret), credentials.customers[0].totpSecret)
    assert.isTrue(customers.every((c) => c.full_name === null && c.email === null && c.phone === null && c.personal_data), 'personal data sealed')
    const first = (await Customer.findByEmail(credentials.customers[0].email))!
    assert.equal(first.customerNumber, customers[0].customer_number)
    assert.isString(first.fullName)
    assert.equal(first.phone, demoCustomer(1).phone)

    const accounts = await demoAccounts()
    assert.lengthOf(accounts, 40)
    const current = accounts.find((a) => a.customer_number === 'C00000001' && a.kind === 'current')
    assert.equal(current.number, 'SR7000001110')
    assert.equal(current.number, demoAccountNumber(1, 'current', 'GBP'))
    assert.isTrue(accounts.every((a) => isValidAccountNumber(a.number)))
    assert.deepEqual(credentials.customers[0].accounts.map((a) => a.kind), ['current', 'savings'])

    /* Every planned posting was booked once, and nothing else: balances are the plan's */
    const plans = Array.from({ length: 20 }, (_, i) => demoHistory(demoCustomer(i + 1)))
    assert.equal(created.postings, plans.flat().length)
    const expected = plannedBalances(plans)
    for (const a of accounts) {
      assert.equal(BigInt(a.balance), expected.get(`${Number(a.customer_number.slice(1))}:${a.kind}`) ?? 0n, `${a.customer_number} ${a.kind}`)
    }
    const transactions = await demoTransactions(accounts.map((a) => a.id))
    assert.lengthOf(transactions, plans.flat().length)

    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
    const audit = await (await app.container.make(AuditVerifier)).verify()
    assert.isTrue(audit.ok, JSON.stringify(audit).slice(0, 500))
  }).timeout(120_000)

  test('spreads the history over the 90 days before today: salaries in, card payments, cash and transfers out, large postings', async ({ assert }) => {
    await (await app.container.make(SeedDemoBank)).handle({ customers: 20 })
    const accounts = await demoAccounts()
    const transactions = await demoTransactions(accounts.map((a) => a.id))

    const midnight = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime()
    const booked = transactions.map((t) => new Date(t.booked_at).getTime())
    assert.isAtLeast(Math.min(...booked), midnight - HISTORY_DAYS * 86_400_000)
    assert.isBelow(Math.max(...booked), midnight, 'nothing booked today or in the future')
    const days = new Set(transactions.map((t) => new Date(t.booked_at).toISOString().slice(0, 10)))
    assert.isAtLeast(days.size, 85, 'almost every one of the 90 days has postings')
    const last30 = [...days].filter((d) => new Date(d).getTime() >= midnight - 30 * 86_400_000)
    assert.isAtLeast(last30.length, 28, 'the dashboard 30-day charts have bars')

    const kinds = Map.groupBy(transactions, (t) => t.kind)
    assert.sameMembers([...kinds.keys()], ['deposit', 'withdrawal', 'transfer'])
    const references = transactions.map((t) => String(t.reference))
    for (const pattern of [/^SALARY /, /^CARD /, /^ATM WITHDRAWAL$/, /^RENT STANDING ORDER$/, /^Monthly savings$/, /^Demo opening balance$/]) {
      assert.isTrue(references.some((r) => pattern.test(r)), `a posting matching ${pattern}`)
    }
    const large = transactions.filter((t) => BigInt(t.amount) >= 10_000_00n && t.reference !== 'Demo opening balance')
    assert.isAtLeast(large.length, 2, 'a few large postings')
    assert.sameMembers([...new Set(large.map((t) => t.kind))], ['deposit', 'transfer'])

    /* Statements run in entry id order: on every account it is also booking-time order */
    const { rows } = await db.rawQuery(
      `select e.account_id, t.booked_at, lag(t.booked_at) over (partition by e.account_id order by e.id) as previous
         from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
        where e.account_id = any (?::bigint[])`,
      [accounts.map((a) => a.id)]
    )
    assert.deepEqual(rows.filter((r: any) => r.previous && r.previous > r.booked_at), [])

    /* Customers joined over the period, not all today; accounts opened with them, before their first posting */
    const joined = new Set((await demoCustomers()).map((c) => new Date(c.created_at).toISOString().slice(0, 10)))
    assert.isAtLeast(joined.size, 8)
    for (const a of accounts) {
      const first = transactions.filter((t) => t.debtor_account_id === Number(a.id) || t.creditor_account_id === Number(a.id))[0]
      assert.isBelow(new Date(a.opened_at).getTime(), new Date(first.booked_at).getTime())
    }
  }).timeout(120_000)

  test('leaves casework open: frozen accounts, four-eyes requests waiting, KYC pending and rejected', async ({ assert }) => {
    await (await app.container.make(SeedDemoBank)).handle({ customers: 20 })
    const customers = await demoCustomers().orderBy('customer_number')
    const emails = new Map((await Customer.query().whereIn('id', customers.map((c) => c.id))).map((c) => [c.id, c.email]))
    const kyc = (status: string) => customers.filter((c) => c.kyc_status === status).map((c) => emails.get(Number(c.id)))
    assert.deepEqual(kyc('pending'), ['customer0003@strongroom.test', 'customer0007@strongroom.test'])
    assert.deepEqual(kyc('rejected'), ['customer0006@strongroom.test', 'customer0017@strongroom.test'])
    assert.isTrue(customers.filter((c) => c.kyc_status === 'rejected').every((c) => c.kyc_rejection_reason))

    const frozen = (await demoAccounts()).filter((a) => a.status === 'frozen')
    assert.sameMembers(
      frozen.map((a) => `${a.customer_number}:${a.kind}`),
      ['C00000006:current', 'C00000006:savings', 'C00000017:current', 'C00000017:savings', 'C00000008:savings', 'C00000018:savings']
    )
    const frozenEvents = await db.from('audit_events').where('action', 'account.frozen').whereIn('subject_id', frozen.map((a) => String(a.id)))
    assert.lengthOf(frozenEvents, 6)

    const teller = await db.from('staff_users').where('email', 'teller@strongroom.test').firstOrFail()
    const waiting = await db.from('approvals').where('maker_id', teller.id).where('status', 'pending')
    assert.sameMembers(waiting.map((w) => w.kind), ['ledger.deposit', 'ledger.withdrawal', 'ledger.transfer'])
    const limit = Money.fromDecimal(fourEyesConfig.postingLimit, 'GBP').minor
    const payload = (w: any) => (typeof w.payload === 'string' ? JSON.parse(w.payload) : w.payload)
    assert.isTrue(waiting.every((w) => BigInt(payload(w).amount) > limit), 'every request is above the four-eyes limit')
  }).timeout(120_000)

  test('running it again books nothing, freezes nothing and files nothing; more customers only add theirs', async ({ assert }) => {
    const seed = await app.container.make(SeedDemoBank)
    await seed.handle({ customers: 20 })
    const before = await demoTransactions((await demoAccounts()).map((a) => a.id))
    const again = await seed.handle({ customers: 20 })
    assert.deepEqual(again.created, { staff: 0, customers: 0, accounts: 0, postings: 0, frozen: 0, approvals: 0 })
    assert.lengthOf(await demoTransactions((await demoAccounts()).map((a) => a.id)), before.length)

    const more = await seed.handle({ customers: 22 })
    assert.equal(more.created.customers, 2)
    const plans = [21, 22].map((i) => demoHistory(demoCustomer(i)))
    assert.equal(more.created.postings, plans.flat().length)
    const accounts = await demoAccounts()
    const perCustomer = Map.groupBy(accounts, (a) => `${a.customer_number}:${a.kind}`)
    assert.isTrue([...perCustomer.values()].every((list) => list.length === 1))
    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
  }).timeout(120_000)

  test('the database books at now() without the setting, and refuses a booking time in the future', async ({ assert }) => {
    await (await app.container.make(SeedDemoBank)).handle({ customers: 1 })
    const account = (await demoAccounts()).find((a) => a.customer_number === 'C00000001' && a.kind === 'current')
    const deposit = await app.container.make(PostDeposit)
    const post = (key: string, trx?: any) =>
      deposit.handle({ accountId: account.id, amount: Money.of(100n, 'GBP'), idempotencyKey: key, actor: { type: 'system', id: 'test' }, trx })

    const plain = await post('booking-time-now')
    const row = await db.from('ledger_transactions').where('id', plain.transaction.id).firstOrFail()
    assert.isBelow(Math.abs(new Date(row.booked_at).getTime() - Date.now()), 60_000)

    const future = await db
      .transaction(async (trx) => {
        await bookNextPostingsAt(trx, new Date(Date.now() + 3_600_000))
        await post('booking-time-future', trx)
      })
      .then(
        () => null,
        (e) => e
      )
    assert.instanceOf(future, BackdatingRefusedException)
    assert.include(future.message, 'in the future')
    const booked = await db.transaction(async (trx) => {
      await bookNextPostingsAt(trx, new Date('2020-01-02T03:04:05Z'))
      return post('booking-time-past', trx)
    })
    const past = await db.from('ledger_transactions').where('id', booked.transaction.id).firstOrFail()
    assert.equal(new Date(past.booked_at).toISOString(), '2020-01-02T03:04:05.000Z')
    /* transaction-local: the next posting on a pooled connection is booked now */
    const after = await post('booking-time-after')
    const next = await db.from('ledger_transactions').where('id', after.transaction.id).firstOrFail()
    assert.isBelow(Math.abs(new Date(next.booked_at).getTime() - Date.now()), 60_000)
  })

  test('the database refuses an explicit booking time unless it is marked as a development or test database', async ({ assert }) => {
    await (await app.container.make(SeedDemoBank)).handle({ customers: 1 })
    const account = (await demoAccounts()).find((a) => a.customer_number === 'C00000001' && a.kind === 'current')
    const owner = db.connection(OWNER_CONNECTION)
    assert.isTrue(await backdatingAllowed(owner), 'the test migrations mark the test database')
    const error = await owner
      .transaction(async (trx) => {
        /* what a production database looks like; rolled back with the transaction */
        const { rows } = await trx.rawQuery('select current_database() as name')
        await trx.rawQuery(`alter database "${rows[0].name}" reset strongroom.backdating`)
        assert.isFalse(await backdatingAllowed(trx))
        await bookNextPostingsAt(trx, new Date('2020-01-02T03:04:05Z'))
        await (await app.container.make(PostDeposit)).handle({
          accountId: account.id,
          amount: Money.of(100n, 'GBP'),
          idempotencyKey: 'booking-time-unmarked',
          actor: { type: 'system', id: 'test' },
          trx,
        })
      })
      .then(
        () => null,
        (e) => e
      )
    assert.instanceOf(error, BackdatingRefusedException)
    assert.isTrue(await backdatingAllowed(owner), 'rolled back')
  })

  test('generates the same people, e-mails and TOTP secrets on every run', ({ assert }) => {
    assert.deepEqual(demoCustomer(42), demoCustomer(42))
    assert.equal(demoCustomer(1).email, 'customer0001@strongroom.test')
    assert.match(demoCustomer(1).totpSecret, /^[A-Z2-7]{32}$/)
    assert.notEqual(demoCustomer(1).totpSecret, demoCustomer(2).totpSecret)
  })

  test('the actions refuse the production environment and change nothing', async ({ assert }) => {
    const seed = await app.container.make(SeedDemoBank)
    const wipe = await app.container.make(WipeDemoDatabase)
    const before = await db.from('customers').count('* as n')
    await assert.rejects(() => seed.handle({ customers: 1, environment: 'production' }), DemoSeedRefusedException.message)
    await assert.rejects(() => wipe.handle({ environment: 'production' }), DemoSeedRefusedException.message)
    assert.deepEqual(await db.from('customers').count('* as n'), before)
  })

  test('the actions refuse every environment but development and test (staging, unknown)', async ({ assert }) => {
    const seed = await app.container.make(SeedDemoBank)
    const wipe = await app.container.make(WipeDemoDatabase)
    const before = await db.from('customers').count('* as n')
    for (const environment of ['staging', 'unknown', 'prod', '']) {
      await assert.rejects(() => seed.handle({ customers: 1, environment }), DemoSeedRefusedException.message)
      await assert.rejects(() => wipe.handle({ environment }), DemoSeedRefusedException.message)
    }
    assert.deepEqual(await db.from('customers').count('* as n'), before)
  })

  test('db:seed runs the demo seeder in development and test only', async ({ assert }) => {
    const { default: MainSeeder } = await import('#database/seeders/main_seeder')
    assert.sameMembers(MainSeeder.environment!, ['development', 'test'])
    assert.include(MainSeeder.environment!, app.nodeEnvironment, 'Lucid compares with app.nodeEnvironment ("test")')
  })

  test('node ace demo:seed exits 1 in production with a clear message', async ({ assert }) => {
    const run = promisify(execFile)
    const error = await run(process.execPath, ['ace', 'demo:seed', '--customers=1'], {
      cwd: app.appRoot.pathname,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_KEY: 'production-refusal-test-key-0123456789',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable',
        ...explicitResidencyEnv(),
      },
      timeout: 60_000,
    }).then(
      () => null,
      (e) => e
    )
    assert.isNotNull(error, 'the command must fail')
    assert.equal(error.code, 1)
    assert.match(error.stdout + error.stderr, /refuses to run in production/)
  }).timeout(70_000)
})
