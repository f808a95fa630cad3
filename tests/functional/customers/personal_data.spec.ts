import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import RiskAlert from '#models/risk_alert'
import { RiskAlertFactory } from '#database/factories/risk_alert_factory'
import DataKeyring from '#services/keys/data_keyring'
import { CustomerFactory } from '#database/factories/customer_factory'
import { customerNames } from '#queries/customers/customer_names'
import AuditSealer from '#services/audit/audit_sealer'
import AuditVerifier from '#services/audit/audit_verifier'
import { auditRows } from '#tests/helpers/audit'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'

/**
 * Customers' personal data at rest (issue 13): sealed under the customer's
 * data key with blind indexes, opened by the model after every read.
 */
const tagged = () => randomUUID().replaceAll('-', '').slice(0, 12)

async function sealedCustomer() {
  const tag = tagged()
  const customer = await CustomerFactory.merge({
    customerNumber: `C${tag}`,
    fullName: `Zelda ${tag} Fitzgerald`,
    email: `zelda-${tag}@example.test`,
    phone: '+44 7700 900555',
    dateOfBirth: DateTime.fromISO('1990-07-24'),
    address: { line1: '9 Jazz Row', line2: null, city: 'Montgomery', postcode: 'AL 36104', country: 'US' },
  }).create()
  return { tag, customer }
}

test.group('Customers: personal data sealed at rest', () => {
  test('a new customer stores no plaintext personal data', async ({ assert }) => {
    const { tag, customer } = await sealedCustomer()
    const row = await db.from('customers').where('id', customer.id).first()
    assert.isNull(row.full_name)
    assert.isNull(row.email)
    assert.isNull(row.phone)
    assert.isNull(row.date_of_birth)
    assert.isNull(row.address)
    assert.deepEqual(row.kyc_documents, [])
    assert.instanceOf(row.personal_data, Buffer)
    assert.notInclude(row.personal_data.toString('latin1'), tag)
    assert.notInclude(row.personal_data.toString('latin1'), 'Zelda')
    assert.isString(row.email_index)
    assert.isAbove(row.name_index.length, 2)
    assert.notInclude(JSON.stringify(row), 'Zelda')
    const key = await db.from('customer_data_keys').where('customer_id', customer.id).first()
    assert.instanceOf(key.wrapped_key, Buffer)
  })

  test('reads back through the model: find, fetch, paginate and preload', async ({ assert }) => {
    const { tag, customer } = await sealedCustomer()
    const found = await Customer.findOrFail(customer.id)
    assert.equal(found.fullName, `Zelda ${tag} Fitzgerald`)
    assert.equal(found.email, `zelda-${tag}@example.test`)
    assert.equal(found.phone, '+44 7700 900555')
    assert.equal(found.dateOfBirth!.toISODate(), '1990-07-24')
    assert.equal(found.address!.city, 'Montgomery')
    assert.isFalse(found.$isDirty)
    assert.isFalse(found.personalDataErased)

    const fetched = await Customer.query().where('id', customer.id)
    assert.equal(fetched[0].fullName, `Zelda ${tag} Fitzgerald`)
    const page = await Customer.query().where('id', customer.id).paginate(1, 10)
    assert.equal(page.all()[0].email, `zelda-${tag}@example.test`)
    assert.equal((await customerNames([customer.id])).get(customer.id), `Zelda ${tag} Fitzgerald`)

    const made = await RiskAlertFactory.merge({ customerId: customer.id }).create()
    const alert = await RiskAlert.query().where('id', made.id).preload('customer').firstOrFail()
    assert.equal(alert.customer.fullName, `Zelda ${tag} Fitzgerald`, 'a related customer (preload) is opened too')
  })

  test('changing a personal field reseals it; other saves leave it', async ({ assert }) => {
    const { customer } = await sealedCustomer()
    const before = (await db.from('customers').where('id', customer.id).first()).personal_data
    const found = await Customer.findOrFail(customer.id)
    found.kycStatus = 'verified'
    await found.save()
    assert.deepEqual((await db.from('customers').where('id', customer.id).first()).personal_data, before)

    found.fullName = 'Zelda Sayre'
    found.nationalId = 'AB 12 34 56 C'
    await found.save()
    const row = await db.from('customers').where('id', customer.id).first()
    assert.notDeepEqual(row.personal_data, before)
    assert.isNull(row.full_name)
    assert.isString(row.national_id_index)
    const reread = await Customer.findOrFail(customer.id)
    assert.equal(reread.fullName, 'Zelda Sayre')
    assert.equal(reread.nationalId, 'AB 12 34 56 C')
  })

  test('a sealed value moved onto another customer row does not open', async ({ assert }) => {
    const { customer: a } = await sealedCustomer()
    const { customer: b } = await sealedCustomer()
    const sealed = (await db.from('customers').where('id', a.id).first()).personal_data
    await db.from('customers').where('id', b.id).update({ personal_data: sealed })
    await assert.rejects(() => Customer.findOrFail(b.id))
    /* even with the right key, the associated data names the row it belongs to */
    const key = (await DataKeyring.forCustomer(a.id))!
    const { openPersonalFields } = await import('#services/keys/customer_personal_data')
    assert.throws(() => openPersonalFields(b.id, key, sealed))
    assert.equal(openPersonalFields(a.id, key, sealed).fullName, a.fullName)
  })

  test('an erased customer (key destroyed) reads as [erased]', async ({ assert }) => {
    const { customer } = await sealedCustomer()
    await DataKeyring.destroyCustomerKey(customer.id)
    const found = await Customer.findOrFail(customer.id)
    assert.equal(found.fullName, '[erased]')
    assert.isNull(found.email)
    assert.isNull(found.phone)
    assert.isTrue(found.personalDataErased)
    assert.equal((await customerNames([customer.id])).get(customer.id), '[erased]')
    found.status = 'closed'
    await found.save()
    found.fullName = 'Back again'
    await assert.rejects(() => found.save(), /erased/)
  })

  test('finds a customer by email through its blind index (login lookup)', async ({ assert }) => {
    const { tag, customer } = await sealedCustomer()
    const found = await Customer.findByEmail(`  ZELDA-${tag}@Example.test `.trim())
    assert.equal(found?.id, customer.id)
    const verified = await Customer.verifyCredentials(`zelda-${tag}@example.test`, 'correct horse battery staple')
    assert.equal(verified.id, customer.id)
    assert.isNull(await Customer.findByEmail(`nobody-${tag}@example.test`))
  })
})

test.group('Customers: personal data in audit rows', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('the audit detail shows the name, [erased] once the key is destroyed, and the chain still verifies', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'admin')
    const tag = randomUUID().replaceAll('-', '').slice(0, 10)
    await agent.get('/backoffice/customers/create', { inertia: true })
    ;(await agent.post('/backoffice/customers', { fullName: `Audrey ${tag} Hepburn`, email: `audrey-${tag}@example.test` })).assertStatus(302)
    const customer = (await Customer.findByEmail(`audrey-${tag}@example.test`))!
    const [event] = await auditRows('customer.created', staff.id)
    assert.notInclude(JSON.stringify(event), tag)

    const detail = await agent.get(`/backoffice/audit/${event.id}`, { inertia: true })
    detail.assertStatus(200)
    assert.include(JSON.stringify(detail.inertiaProps), `Audrey ${tag} Hepburn`)

    await new AuditSealer().seal()
    await DataKeyring.destroyCustomerKey(customer.id)
    const erased = await agent.get(`/backoffice/audit/${event.id}`, { inertia: true })
    assert.notInclude(JSON.stringify(erased.inertiaProps), tag)
    assert.include(JSON.stringify(erased.inertiaProps), '[erased]')
    const report = await new AuditVerifier().verify()
    assert.deepEqual(report.breaks, [])
    assert.isTrue(report.ok)
  })
})
