import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import EncryptPersonalData from '#actions/customers/encrypt_personal_data'
import DataKeyring from '#services/keys/data_keyring'

/**
 * `node ace pii:encrypt`: customers stored before encryption (plaintext
 * columns, personal_data null) are sealed in batches and their plaintext
 * emptied; reading, search and login work before and after; a second run
 * finds nothing to do.
 */
async function ace(...args: string[]) {
  return promisify(execFile)(process.execPath, ['ace', ...args], { cwd: app.appRoot.pathname, env: process.env })
    .then(({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }))
    .catch((error) => ({ code: error.code as number, output: String(error.stdout) + String(error.stderr) }))
}

/** Customers as stored before issue 13: plaintext columns only */
async function legacyCustomers(count: number) {
  const tag = randomUUID().replaceAll('-', '').slice(0, 10)
  const password = await hash.make('legacy password 1')
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const [row] = await db
      .table('customers')
      .insert({
        customer_number: `L${tag}${i}`,
        full_name: `Legacy ${tag} Person${i}`,
        email: `legacy-${tag}-${i}@example.test`,
        phone: '+44 7700 900777',
        date_of_birth: '1975-03-0' + (i + 1),
        address: JSON.stringify({ line1: '5 Old Rd', line2: null, city: 'York', postcode: 'YO1 7HH', country: 'GB' }),
        password,
        kyc_status: 'verified',
        status: 'active',
      })
      .returning('id')
    ids.push(Number(row.id))
  }
  return { tag, ids }
}

test.group('Customers: pii:encrypt backfill', () => {
  test('legacy rows read as before, then are sealed with their plaintext emptied; login, search and a re-run', async ({ assert, client }) => {
    const { tag, ids } = await legacyCustomers(3)
    const before = await Customer.findOrFail(ids[0])
    assert.equal(before.fullName, `Legacy ${tag} Person0`, 'a legacy row reads from its plaintext columns')
    assert.equal((await Customer.findByEmail(`legacy-${tag}-1@example.test`))?.id, ids[1], 'legacy email lookup')

    const progress: Array<[number, number]> = []
    const summary = await new EncryptPersonalData().handle({ batchSize: 2, onProgress: (done, total) => progress.push([done, total]) })
    assert.isAtLeast(summary.sealed, 3)
    assert.isAtLeast(summary.batches, 2)
    assert.equal(summary.remaining, 0)
    assert.deepEqual(progress.at(-1)![0], progress.at(-1)![1])

    for (const [i, id] of ids.entries()) {
      const row = await db.from('customers').where('id', id).first()
      for (const column of ['full_name', 'email', 'phone', 'date_of_birth', 'address']) assert.isNull(row[column], column)
      assert.deepEqual(row.kyc_documents, [])
      assert.instanceOf(row.personal_data, Buffer)
      assert.notInclude(row.personal_data.toString('latin1'), tag)
      const customer = await Customer.findOrFail(id)
      assert.equal(customer.fullName, `Legacy ${tag} Person${i}`)
      assert.equal(customer.email, `legacy-${tag}-${i}@example.test`)
      assert.equal(customer.dateOfBirth!.toISODate(), `1975-03-0${i + 1}`)
      assert.equal(customer.address!.city, 'York')
      assert.isFalse(customer.personalDataErased)
    }

    const token = await client.post('/api/v1/auth/tokens').json({ email: `LEGACY-${tag}-2@example.test`, password: 'legacy password 1' })
    token.assertStatus(201)

    const again = await ace('pii:encrypt')
    assert.equal(again.code, 0, again.output)
    assert.include(again.output, 'Sealed 0 customers')
  })

  test('a row locked by the application is skipped and taken by the next run', async ({ assert }) => {
    const { ids } = await legacyCustomers(2)
    const trx = await db.transaction()
    try {
      await trx.from('customers').where('id', ids[0]).forUpdate().select('id')
      const summary = await new EncryptPersonalData().handle({ batchSize: 10 })
      assert.isAtLeast(summary.remaining, 1)
      assert.isNull((await db.from('customers').where('id', ids[1]).first()).full_name)
      assert.isNotNull((await db.from('customers').where('id', ids[0]).first()).full_name)
    } finally {
      await trx.rollback()
    }
    const resumed = await new EncryptPersonalData().handle({ batchSize: 10 })
    assert.isAtLeast(resumed.sealed, 1)
    assert.equal(resumed.remaining, 0)
    assert.isNull((await db.from('customers').where('id', ids[0]).first()).full_name)
  })

  test('saving a legacy row through the model seals it and empties every plaintext column', async ({ assert }) => {
    const { tag, ids } = await legacyCustomers(1)
    const customer = await Customer.findOrFail(ids[0])
    customer.kycStatus = 'pending'
    await customer.save()
    const row = await db.from('customers').where('id', ids[0]).first()
    for (const column of ['full_name', 'email', 'phone', 'date_of_birth', 'address']) assert.isNull(row[column], column)
    assert.equal((await Customer.findOrFail(ids[0])).fullName, `Legacy ${tag} Person0`)
  })
})

test.group('Customers: pii:encrypt and erased customers', () => {
  test('a legacy customer whose key was destroyed is emptied, not sealed, and reads as [erased]', async ({ assert }) => {
    const { ids } = await legacyCustomers(1)
    await DataKeyring.forCustomer(ids[0], { create: true })
    await DataKeyring.destroyCustomerKey(ids[0])
    await new EncryptPersonalData().handle({ batchSize: 10 })
    const row = await db.from('customers').where('id', ids[0]).first()
    for (const column of ['full_name', 'email', 'phone', 'date_of_birth', 'address', 'personal_data']) assert.isNull(row[column], column)
    const customer = await Customer.findOrFail(ids[0])
    assert.equal(customer.fullName, '[erased]')
    assert.isTrue(customer.personalDataErased)
  })
})
