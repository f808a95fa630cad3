import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import { openAuditValues } from '#services/audit/audit_sealed_values'
import { auditRows } from '#tests/helpers/audit'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { customerWithAccounts, plainCustomer } from '#tests/helpers/customers'

test.group('Backoffice customers: directory', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('lists customers with search by name, email, customer number and account number', async ({ client, assert }) => {
    const { tag, customerId, accounts } = await customerWithAccounts([{ currency: 'GBP', amount: '10.00' }])
    const { agent } = await signedIn(client, 'teller')
    for (const q of [`ada ${tag}`, `ADA-${tag}@example.test`, `c${tag}`, accounts[0].number.toLowerCase()]) {
      const response = await agent.get(`/backoffice/customers?q=${encodeURIComponent(q)}`, { inertia: true })
      response.assertStatus(200)
      response.assertInertiaComponent('backoffice/customers/index')
      const { data, metadata } = response.inertiaProps.customers
      assert.equal(metadata.total, 1, `search "${q}"`)
      assert.containsSubset(data[0], {
        id: customerId,
        customerNumber: `C${tag}`,
        kycStatus: 'verified',
        accountNumbers: [accounts[0].number],
        url: `/backoffice/customers/${customerId}`,
      })
      assert.notProperty(data[0], 'phone')
      assert.notProperty(data[0], 'dateOfBirth')
    }
    const literal = await agent.get('/backoffice/customers?q=%25', { inertia: true })
    assert.equal(literal.inertiaProps.customers.metadata.total, 0, 'LIKE wildcards are literal')
  })

  test('filters by KYC status, sorts on the server and paginates', async ({ client, assert }) => {
    const shared = randomUUID().slice(0, 8)
    const made: Array<{ tag: string; status: string }> = []
    for (const [i, status] of ['pending', 'verified', 'pending', 'rejected', 'pending'].entries()) {
      const { tag } = await plainCustomer({ fullName: `Sort ${shared} ${i}`, kycStatus: status })
      made.push({ tag, status })
    }
    const { agent } = await signedIn(client, 'auditor')

    const pending = await agent.get(`/backoffice/customers?q=${shared}&kyc=pending&sort=created`, { inertia: true })
    assert.deepEqual(pending.inertiaProps.customers.data.map((c: any) => c.fullName), [0, 2, 4].map((i) => `Sort ${shared} ${i}`))
    pending.assertInertiaPropsContains({ filters: { q: shared, kyc: 'pending', sort: 'created', direction: 'asc' } })
    const byDefault = await agent.get(`/backoffice/customers?q=${shared}`, { inertia: true })
    byDefault.assertInertiaPropsContains({ filters: { sort: 'number', direction: 'asc' } })

    const desc = await agent.get(`/backoffice/customers?q=${shared}&sort=created&direction=desc&perPage=5`, { inertia: true })
    assert.deepEqual(desc.inertiaProps.customers.data.map((c: any) => c.fullName), [4, 3, 2, 1, 0].map((i) => `Sort ${shared} ${i}`))
    const byName = await agent.get(`/backoffice/customers?q=${shared}&sort=name`, { inertia: true })
    assert.notEqual(byName.status(), 200, 'names are sealed: no sort by name')

    const byNumber = await agent.get(`/backoffice/customers?q=${shared}&sort=number`, { inertia: true })
    const numbers = byNumber.inertiaProps.customers.data.map((c: any) => c.customerNumber)
    assert.deepEqual(numbers, [...numbers].sort())

    const page2 = await agent.get(`/backoffice/customers?q=${shared}&sort=created&direction=asc&perPage=5&page=1`, { inertia: true })
    assert.deepEqual(page2.inertiaProps.customers.data.map((c: any) => c.fullName), [0, 1, 2, 3, 4].map((i) => `Sort ${shared} ${i}`))
    const paged = await agent.get(`/backoffice/customers?q=${shared}&perPage=5&page=2`, { inertia: true })
    assert.containsSubset(paged.inertiaProps.customers.metadata, { total: 5, currentPage: 2, lastPage: 1 })
    assert.lengthOf(paged.inertiaProps.customers.data, 0)
  })

  test('finds a name by whole words in any order, not by a fragment (names are sealed)', async ({ client, assert }) => {
    const { tag, customerId } = await plainCustomer({ fullName: `Émile Quixote${randomUUID().slice(0, 4)} Zola` })
    const { agent } = await signedIn(client, 'teller')
    const customer = await agent.get(`/backoffice/customers?q=C${tag}`, { inertia: true })
    const fullName: string = customer.inertiaProps.customers.data[0].fullName
    const word = fullName.split(' ')[1]
    const ids = async (q: string) =>
      (await agent.get(`/backoffice/customers?q=${encodeURIComponent(q)}`, { inertia: true })).inertiaProps.customers.data.map((c: any) => c.id)
    assert.include(await ids(`zola ${word}`), customerId, 'words in any order, case and accents ignored')
    assert.include(await ids(`EMILE ${word.toUpperCase()}`), customerId)
    assert.notInclude(await ids(word.slice(0, 6)), customerId, 'a fragment of a word does not match')
    assert.notInclude(await ids(`${word} hugo`), customerId, 'every word must be in the name')
  })

  test('shows an empty result and refuses an unknown sort', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'loan_officer')
    const empty = await agent.get(`/backoffice/customers?q=nobody-${randomUUID()}`, { inertia: true })
    empty.assertStatus(200)
    assert.equal(empty.inertiaProps.customers.metadata.total, 0)
    empty.assertInertiaPropsContains({ can: { create: false } })
    const bad = await agent.get('/backoffice/customers?sort=password', { inertia: true })
    assert.notEqual(bad.status(), 200)
  })
})

test.group('Backoffice customers: create and edit', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('creates a customer with a generated number and an audit row without sensitive values', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'teller')
    const tag = randomUUID().slice(0, 8)
    const form = (await agent.get('/backoffice/customers/create', { inertia: true }))
    form.assertInertiaComponent('backoffice/customers/create')
    form.assertInertiaPropsContains({ urls: { store: '/backoffice/customers' } })

    const response = await agent.post('/backoffice/customers', {
      fullName: `New ${tag} Customer`, email: `New-${tag}@Example.test`, phone: '+44 20 7946 0000',
      dateOfBirth: '1990-02-03', addressLine1: '2 High St', addressLine2: '', city: 'Leeds', postcode: 'LS1 1AA', country: 'gb',
    })
    response.assertStatus(302)
    const customer = (await Customer.findByEmail(`new-${tag}@example.test`))!
    const row = await db.from('customers').where('id', customer.id).firstOrFail()
    response.assertHeader('location', `/backoffice/customers/${row.id}`)
    assert.match(row.customer_number, /^C\d{8}$/)
    assert.isAtLeast(Number(row.customer_number.slice(1)), 10000001)
    assert.equal(row.kyc_status, 'pending')
    assert.deepEqual(customer.address, { line1: '2 High St', line2: null, city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' })
    assert.equal(customer.fullName, `New ${tag} Customer`)
    assert.isNull(row.full_name, 'personal data stored sealed only')
    assert.isNull(row.address)
    assert.match(row.password, /^\$scrypt\$/, 'an unusable random password, hashed')
    assert.equal((await agent.flashAfter(response)).success, `Customer ${row.customer_number} created.`)

    const [audit] = await auditRows('customer.created', staff.id)
    assert.equal(audit.subject_id, String(row.id))
    assert.deepInclude(audit.after.fullName, { for: `customer:${row.id}` }, 'the name is sealed for the customer')
    assert.notInclude(JSON.stringify(audit), `New ${tag}`)
    assert.notInclude(JSON.stringify(audit), `new-${tag}@`)
    const [after] = await openAuditValues([audit.after])
    assert.deepEqual(after, {
      customerNumber: row.customer_number, fullName: `New ${tag} Customer`, email: `new-${tag}@example.test`,
      kycStatus: 'pending', status: 'active',
    })
    assert.sameMembers(audit.metadata.sensitiveFieldsSet, ['phone', 'dateOfBirth', 'address'])
    const text = JSON.stringify(audit)
    for (const secret of ['7946', '1990-02-03', 'High St', 'LS1']) assert.notInclude(text, secret)
  })

  test('rejects invalid input with field errors and a duplicate email in any case', async ({ client, assert }) => {
    const { tag } = await plainCustomer()
    const { agent } = await signedIn(client, 'admin')
    await agent.get('/backoffice/customers/create', { inertia: true })
    const before = await db.from('customers').count('* as n').first()
    const response = await agent.post('/backoffice/customers', {
      fullName: 'X', email: `GRACE-${tag}@example.test`, dateOfBirth: '2999-01-01', addressLine1: '1 Road',
    })
    response.assertStatus(302)
    const page = await agent.get('/backoffice/customers/create', { inertia: true })
    const errors = page.inertiaProps.errors
    for (const field of ['fullName', 'email', 'dateOfBirth', 'city', 'postcode', 'country']) {
      assert.property(errors, field, `error for ${field}`)
    }
    assert.deepEqual(await db.from('customers').count('* as n').first(), before)
  })

  test('edits details: audit has non-sensitive before/after and only names of sensitive changes', async ({ client, assert }) => {
    const { tag, customerId } = await plainCustomer()
    const { agent, staff } = await signedIn(client, 'compliance')
    const edit = await agent.get(`/backoffice/customers/${customerId}/edit`, { inertia: true })
    edit.assertInertiaComponent('backoffice/customers/edit')
    assert.equal(edit.inertiaProps.customer.fullName, `Grace ${tag} Hopper`)
    assert.notInclude(JSON.stringify(edit.inertiaProps), '900123')
    assert.notInclude(JSON.stringify(edit.inertiaProps), '1980-04-05')

    const response = await agent.post(`/backoffice/customers/${customerId}`, {
      fullName: `Grace ${tag} Murray`, email: `grace-${tag}@example.test`, phone: '+44 7700 900999', dateOfBirth: '',
    })
    response.assertStatus(302)
    response.assertHeader('location', `/backoffice/customers/${customerId}`)
    const row = await Customer.findOrFail(customerId)
    assert.equal(row.fullName, `Grace ${tag} Murray`)
    assert.equal(row.phone, '+44 7700 900999')
    assert.equal(row.dateOfBirth!.toISODate(), '1980-04-05', 'blank date of birth keeps it')
    assert.equal(row.address!.city, 'London', 'blank address keeps it')

    const [audit] = await auditRows('customer.updated', staff.id)
    assert.notInclude(JSON.stringify(audit), `Grace ${tag}`)
    assert.deepEqual(await openAuditValues([audit.before, audit.after]), [{ fullName: `Grace ${tag} Hopper` }, { fullName: `Grace ${tag} Murray` }])
    assert.deepEqual(audit.metadata.sensitiveChanged, ['phone'])
    assert.notInclude(JSON.stringify(audit), '900999')
  })

  test("refuses another customer's email on update, case-insensitively", async ({ client, assert }) => {
    const { tag: other } = await plainCustomer()
    const { customerId, tag } = await plainCustomer()
    const { agent } = await signedIn(client, 'admin')
    await agent.get(`/backoffice/customers/${customerId}/edit`, { inertia: true })
    await agent.post(`/backoffice/customers/${customerId}`, { fullName: 'Grace Hopper', email: `Grace-${other}@example.test` })
    const page = await agent.get(`/backoffice/customers/${customerId}/edit`, { inertia: true })
    assert.property(page.inertiaProps.errors, 'email')
    const row = await Customer.findOrFail(customerId)
    assert.equal(row.email, `grace-${tag}@example.test`)
  })

  test('refuses create to an auditor and edit to a loan officer (403, audited)', async ({ client, assert }) => {
    const { customerId } = await plainCustomer()
    const auditor = await signedIn(client, 'auditor')
    const create = await auditor.agent.post('/backoffice/customers', { fullName: 'Nope', email: 'nope@example.test' })
    create.assertStatus(403)
    assert.lengthOf(await auditRows('authorization.denied', auditor.staff.id), 1)
    const officer = await signedIn(client, 'loan_officer')
    const edit = await officer.agent.get(`/backoffice/customers/${customerId}/edit`, { inertia: true })
    edit.assertStatus(403)
    assert.lengthOf(await auditRows('authorization.denied', officer.staff.id), 1)
  })
})
