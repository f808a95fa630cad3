import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import SeedDemoBank from '#actions/demo/seed_demo_bank'
import WipeDemoDatabase from '#actions/demo/wipe_demo_database'
import LedgerVerifier from '#services/ledger_verifier'
import {
  CUSTOMER_PASSWORD,
  demoAccountNumber,
  demoCustomer,
  STAFF_PASSWORD,
  STAFF_ROLES,
} from '#domain/demo/demo_bank'
import { isValidAccountNumber } from '#domain/ledger/account_number'
import { hashRecoveryCode } from '#domain/staff/recovery_codes'
import DemoSeedRefusedException from '#exceptions/demo_seed_refused_exception'

const demoCustomers = () => db.from('customers').whereILike('email', 'customer____@strongroom.test')

async function demoAccounts() {
  return db
    .from('accounts')
    .join('customers', 'customers.id', 'accounts.customer_id')
    .whereILike('customers.email', 'customer____@strongroom.test')
    .select('accounts.*', 'customers.customer_number')
}

test.group('demo:seed', () => {
  test('creates staff per role and customers with two funded accounts, all through the ledger', async ({ assert }) => {
    const seed = await app.container.make(SeedDemoBank)
    const { credentials } = await seed.handle({ customers: 8 })

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
    assert.lengthOf(customers, 8)
    assert.deepEqual(customers.filter((c) => c.kyc_status === 'pending').map((c) => c.email), [
      'customer0003@strongroom.test',
      'customer0007@strongroom.test',
    ])
    assert.isTrue(await hash.verify(customers[0].password, CUSTOMER_PASSWORD))
    assert.equal(encryption.decrypt(customers[0].totp_secret), credentials.customers[0].totpSecret)

    const accounts = await demoAccounts()
    assert.lengthOf(accounts, 16)
    const current = accounts.find((a) => a.customer_number === 'C00000001' && a.kind === 'current')
    assert.equal(BigInt(current.balance), demoCustomer(1).openingCurrent)
    assert.equal(current.number, 'SR7000001110')
    assert.equal(current.number, demoAccountNumber(1, 'current', 'GBP'))
    assert.isTrue(accounts.every((a) => isValidAccountNumber(a.number)))
    const deposits = await db.from('ledger_entries').whereIn('account_id', accounts.map((a) => a.id)).count('* as n')
    assert.equal(Number(deposits[0].n), 16)
    assert.deepEqual(
      credentials.customers[0].accounts.map((a) => a.kind),
      ['current', 'savings']
    )

    const report = await (await app.container.make(LedgerVerifier)).verify()
    assert.deepEqual(report.discrepancies, [])
  })

  test('running it again duplicates nothing and only adds the missing customers', async ({ assert }) => {
    const seed = await app.container.make(SeedDemoBank)
    await seed.handle({ customers: 4 })
    const again = await seed.handle({ customers: 6 })

    assert.equal(again.created.staff, 0)
    assert.equal((await demoCustomers()).length >= 6, true)
    const accounts = await demoAccounts()
    const perCustomer = Map.groupBy(accounts, (a) => `${a.customer_number}:${a.kind}`)
    assert.isTrue([...perCustomer.values()].every((list) => list.length === 1))
    const balance = accounts.find((a) => a.customer_number === 'C00000002' && a.kind === 'savings')
    assert.equal(BigInt(balance.balance), demoCustomer(2).openingSavings)
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
