import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'

/** The optional national id: sealed, masked on the profile, found exactly through its blind index */
test.group('Customers: national id', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('is stored sealed, shown masked, searchable exactly (spaces, dashes and case ignored)', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'teller')
    const tag = randomUUID().replaceAll('-', '').slice(0, 8).toUpperCase()
    const nationalId = `QQ ${tag.slice(0, 4)} ${tag.slice(4)} C`
    const mail = `nia-${randomUUID()}@example.test`
    await agent.get('/backoffice/customers/create', { inertia: true })
    const response = await agent.post('/backoffice/customers', {
      fullName: 'Nia Idris', email: mail, nationalId,
    })
    response.assertStatus(302)
    const customer = (await Customer.findByEmail(mail))!
    assert.equal(customer.nationalId, nationalId.toUpperCase())
    const row = await db.from('customers').where('id', customer.id).first()
    assert.isString(row.national_id_index)
    assert.notInclude(JSON.stringify(row), tag)

    const page = await agent.get(`/backoffice/customers/${customer.id}`, { inertia: true })
    assert.equal(page.inertiaProps.customer.masked.nationalId, `${'•'.repeat(9)}${tag.at(-1)}C`)
    assert.notInclude(JSON.stringify(page.inertiaProps), `${tag.slice(0, 4)} ${tag.slice(4)}`)
    assert.notInclude(JSON.stringify(page.inertiaProps), `QQ${tag}C`)

    for (const q of [nationalId, `qq-${tag}-c`, `QQ${tag}C`]) {
      const found = await agent.get(`/backoffice/customers?q=${encodeURIComponent(q)}`, { inertia: true })
      assert.deepEqual(found.inertiaProps.customers.data.map((c: any) => c.id), [customer.id], q)
    }
    const partial = await agent.get(`/backoffice/customers?q=${encodeURIComponent(`QQ${tag.slice(0, 4)}`)}`, { inertia: true })
    assert.equal(partial.inertiaProps.customers.metadata.total, 0, 'a national id matches exactly, not by prefix')

    const bad = await agent.post('/backoffice/customers', { fullName: 'Bad Id', email: `bad-${tag}@example.test`, nationalId: '<script>' })
    bad.assertStatus(302)
    assert.isNull(await Customer.findByEmail(`bad-${tag}@example.test`))
  })
})
