import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import FreezeAccount from '#actions/accounts/freeze_account'
import UnfreezeAccount from '#actions/accounts/unfreeze_account'
import ChangePaymentLimits from '#actions/payments/change_payment_limits'
import { Money } from '#domain/money/money'
import { NO_REQUEST } from '#domain/audit/actor'
import { createApiCustomer, uniqueIp } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'
import { createStaff } from '#tests/helpers/staff'
import { dispatchJobs } from '#tests/functional/notifications/outbox_jobs'

const auditId = async (action: string, subjectId: number) =>
  String((await db.from('audit_events').where({ action, subject_id: String(subjectId) }).orderBy('id', 'desc').firstOrFail()).id)

test.group('Notifications: producers enqueue in the transaction of their change', () => {
  test('freezing an account enqueues account_frozen for its customer (no staff reason in the data)', async ({ assert }) => {
    const customer = await createApiCustomer()
    const account = await openAccount(customer.id)
    const { staff } = await createStaff({ role: 'compliance' })

    await (await app.container.make(FreezeAccount)).handle({ accountId: account.id, reason: 'suspected mule activity', staff, context: NO_REQUEST })

    const jobs = await dispatchJobs(customer.id, 'account_frozen')
    assert.lengthOf(jobs, 1)
    assert.deepEqual(jobs[0].data, {
      customerId: customer.id,
      event: 'account_frozen',
      dedupeKey: await auditId('account.frozen', account.id),
      data: { accountEnding: account.number.slice(-4) },
    })
  })

  test('a rolled-back freeze enqueues nothing (the job was in the freeze\'s transaction)', async ({ assert }) => {
    const customer = await createApiCustomer()
    const account = await openAccount(customer.id)
    const { staff } = await createStaff({ role: 'compliance' })

    await db.beginGlobalTransaction()
    try {
      await (await app.container.make(FreezeAccount)).handle({ accountId: account.id, reason: 'rolled back', staff, context: NO_REQUEST })
      /* inside the enclosing transaction the freeze and its job exist together */
      assert.lengthOf(await dispatchJobs(customer.id, 'account_frozen'), 1)
    } finally {
      await db.rollbackGlobalTransaction()
    }
    assert.lengthOf(await dispatchJobs(customer.id), 0)
    assert.equal((await db.from('accounts').where('id', account.id).first()).status, 'active')
  })

  test('unfreezing enqueues account_unfrozen', async ({ assert }) => {
    const customer = await createApiCustomer()
    const account = await openAccount(customer.id)
    const { staff } = await createStaff({ role: 'compliance' })
    await (await app.container.make(FreezeAccount)).handle({ accountId: account.id, reason: 'checking', staff, context: NO_REQUEST })
    await (await app.container.make(UnfreezeAccount)).handle({ accountId: account.id, reason: 'all clear', staff, context: NO_REQUEST })
    const jobs = await dispatchJobs(customer.id, 'account_unfrozen')
    assert.lengthOf(jobs, 1)
    assert.equal(jobs[0].data.dedupeKey, await auditId('account.unfrozen', account.id))
  })

  test('lowering payment limits enqueues payment_limit_changed with the new limits in minor units', async ({ assert }) => {
    const customer = await createApiCustomer()
    const { staff } = await createStaff({ role: 'admin' })
    await (await app.container.make(ChangePaymentLimits)).handle({
      customerId: customer.id, currency: 'GBP', single: Money.fromDecimal('100.00', 'GBP'), daily: Money.fromDecimal('250.50', 'GBP'),
      idempotencyKey: randomUUID(), staff, context: NO_REQUEST,
    })
    const jobs = await dispatchJobs(customer.id, 'payment_limit_changed')
    assert.lengthOf(jobs, 1)
    assert.deepEqual(jobs[0].data.data, { currency: 'GBP', singleMinor: '10000', dailyMinor: '25050' })
  })

  test('a raise waiting for four-eyes notifies nothing yet', async ({ assert }) => {
    const customer = await createApiCustomer()
    const { staff } = await createStaff({ role: 'admin' })
    const result = await (await app.container.make(ChangePaymentLimits)).handle({
      customerId: customer.id, currency: 'GBP', single: Money.fromDecimal('6000.00', 'GBP'), daily: Money.fromDecimal('20000.00', 'GBP'),
      idempotencyKey: randomUUID(), staff, context: NO_REQUEST,
    })
    assert.isFalse(result.applied)
    assert.lengthOf(await dispatchJobs(customer.id), 0)
  })
})

test.group('Notifications: new-device sign-in', () => {
  const signIn = (client: any, customer: { email: string; password: string }, ip: string, userAgent: string) =>
    client.post('/api/v1/auth/tokens').header('X-Forwarded-For', ip).header('User-Agent', userAgent).json({ email: customer.email, password: customer.password })

  test('a token from a device not seen before enqueues one new_device_sign_in; the same device again does not', async ({ client, assert }) => {
    const customer = await createApiCustomer({ totp: false })
    const ip = uniqueIp()

    ;(await signIn(client, customer, ip, 'StrongroomApp/1.0 (iPhone)')).assertStatus(201)
    const first = await dispatchJobs(customer.id, 'new_device_sign_in')
    assert.lengthOf(first, 1)
    assert.equal(first[0].data.data.ip, ip)
    assert.match(first[0].data.data.signedInAt, /^\d{4}-\d\d-\d\dT/)

    ;(await signIn(client, customer, ip, 'StrongroomApp/1.0 (iPhone)')).assertStatus(201)
    assert.lengthOf(await dispatchJobs(customer.id, 'new_device_sign_in'), 1)

    ;(await signIn(client, customer, ip, 'Mozilla/5.0 (X11; Linux x86_64)')).assertStatus(201)
    ;(await signIn(client, customer, uniqueIp(), 'StrongroomApp/1.0 (iPhone)')).assertStatus(201)
    assert.lengthOf(await dispatchJobs(customer.id, 'new_device_sign_in'), 3)

    const devices = await db.from('customer_devices').where('customer_id', customer.id)
    assert.lengthOf(devices, 3)
    for (const device of devices) {
      assert.match(device.device_hash, /^[0-9a-f]{64}$/)
      assert.notInclude(device.device_hash, ip)
    }
  })

  test('a failed sign-in records no device and notifies nothing', async ({ client, assert }) => {
    const customer = await createApiCustomer({ totp: false })
    const response = await signIn(client, { email: customer.email, password: 'wrong password' }, uniqueIp(), 'Evil/1.0')
    response.assertStatus(401)
    assert.lengthOf(await db.from('customer_devices').where('customer_id', customer.id), 0)
    assert.lengthOf(await dispatchJobs(customer.id), 0)
  })
})
