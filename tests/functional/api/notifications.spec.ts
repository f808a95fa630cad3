import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { assertProblem, createApiCustomer, tokenFor } from '#tests/helpers/api'
import { createNotification, createNotifications } from '#database/factories/notification_factory'
import { NOTIFICATION_EVENT_NAMES } from '#domain/notifications/events'

const auditRows = async (customerId: number, action: string) =>
  Number((await db.from('audit_events').where({ actor_type: 'customer', actor_id: String(customerId), action }).count('* as n'))[0].n)

test.group('API notifications: listing and reading', () => {
  test('lists the customer\'s own notifications newest first, with a cursor in links.next', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const other = await createApiCustomer()
    const mine = await createNotifications(me.id, 5)
    await createNotification(other.id)
    await createNotification(me.id, { inApp: false })
    const token = await tokenFor(me.id)

    const seen: string[] = []
    let url: string | null = '/api/v1/notifications?limit=2'
    let pages = 0
    while (url) {
      const response = await client.get(url).bearerToken(token)
      response.assertStatus(200)
      assert.isAtMost(response.body().data.length, 2)
      seen.push(...response.body().data.map((n: any) => n.id))
      url = response.body().links.next
      pages++
    }
    assert.equal(pages, 3)
    assert.deepEqual(seen, mine.map((n) => String(n.id)).reverse())

    const first = (await client.get('/api/v1/notifications?limit=1').bearerToken(token)).body().data[0]
    assert.deepEqual(first, {
      id: String(mine[4].id),
      event: 'money_received',
      security: false,
      title: 'Money received: GBP 12.34',
      body: 'GBP 12.34 was paid into your account ending 7890.',
      read: false,
      readAt: null,
      createdAt: mine[4].createdAt.toISOString(),
    })
  })

  test('unread=true lists only unread ones and keeps the filter in links.next', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const unread = [await createNotification(me.id), await createNotification(me.id, { read: true }), await createNotification(me.id), await createNotification(me.id)]
      .filter((_, i) => i !== 1)
    const token = await tokenFor(me.id)

    const page1 = await client.get('/api/v1/notifications?unread=true&limit=2').bearerToken(token)
    page1.assertStatus(200)
    assert.deepEqual(page1.body().data.map((n: any) => n.id), [String(unread[2].id), String(unread[1].id)])
    assert.match(page1.body().links.next, /unread=true/)
    const page2 = await client.get(page1.body().links.next).bearerToken(token)
    assert.deepEqual(page2.body().data.map((n: any) => n.id), [String(unread[0].id)])
    assert.isNull(page2.body().links.next)

    const all = await client.get('/api/v1/notifications').bearerToken(token)
    assert.lengthOf(all.body().data, 4)
  })

  test('rejects bad list input with 422 (limit, forged cursor, unread not a boolean)', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const token = await tokenFor(me.id)
    assert.equal(assertProblem(assert, await client.get('/api/v1/notifications?limit=0').bearerToken(token), 422, 'E_VALIDATION_ERROR').errors[0].field, 'limit')
    const foreign = Buffer.from('a:1').toString('base64url')
    assert.equal(assertProblem(assert, await client.get(`/api/v1/notifications?cursor=${foreign}`).bearerToken(token), 422, 'E_VALIDATION_ERROR').errors[0].field, 'cursor')
    assert.equal(assertProblem(assert, await client.get('/api/v1/notifications?unread=maybe').bearerToken(token), 422, 'E_VALIDATION_ERROR').errors[0].field, 'unread')
  })

  test('needs a bearer token', async ({ client, assert }) => {
    assertProblem(assert, await client.get('/api/v1/notifications'), 401, 'E_UNAUTHORIZED')
    assertProblem(assert, await client.get('/api/v1/notification-preferences'), 401, 'E_UNAUTHORIZED')
  })

  test('marks one read (audited once; a second mark changes nothing)', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const notification = await createNotification(me.id)
    const token = await tokenFor(me.id)

    const response = await client.post(`/api/v1/notifications/${notification.id}/read`).bearerToken(token)
    response.assertStatus(200)
    assert.equal(response.body().data.id, String(notification.id))
    assert.isTrue(response.body().data.read)
    const readAt = response.body().data.readAt
    assert.isString(readAt)

    const again = await client.post(`/api/v1/notifications/${notification.id}/read`).bearerToken(token)
    again.assertStatus(200)
    assert.equal(again.body().data.readAt, readAt)
    assert.equal(await auditRows(me.id, 'notification.read'), 1)
    const row = await db.from('notifications').where('id', notification.id).first()
    assert.equal(new Date(row.read_at).toISOString(), readAt)
  })

  test('another customer\'s, a hidden or a malformed notification id is 404 E_NOTIFICATION_NOT_FOUND', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const other = await createApiCustomer()
    const theirs = await createNotification(other.id)
    const hidden = await createNotification(me.id, { inApp: false })
    const token = await tokenFor(me.id)

    for (const id of [String(theirs.id), String(hidden.id), 'abc', '0', '99999999999']) {
      assertProblem(assert, await client.post(`/api/v1/notifications/${id}/read`).bearerToken(token), 404, 'E_NOTIFICATION_NOT_FOUND')
    }
    const row = await db.from('notifications').where('id', theirs.id).first()
    assert.isNull(row.read_at)
  })

  test('read-all marks every unread notification of the customer only', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const other = await createApiCustomer()
    await createNotifications(me.id, 3)
    await createNotification(me.id, { read: true })
    const theirs = await createNotification(other.id)
    const token = await tokenFor(me.id)

    const response = await client.post('/api/v1/notifications/read-all').bearerToken(token)
    response.assertStatus(200)
    assert.deepEqual(response.body(), { data: { marked: 3 } })
    assert.lengthOf((await client.get('/api/v1/notifications?unread=true').bearerToken(token)).body().data, 0)
    assert.isNull((await db.from('notifications').where('id', theirs.id).first()).read_at)

    const again = await client.post('/api/v1/notifications/read-all').bearerToken(token)
    assert.deepEqual(again.body(), { data: { marked: 0 } })
    assert.equal(await auditRows(me.id, 'notification.read_all'), 1)
  })
})

test.group('API notification preferences', () => {
  test('lists every event × channel with defaults and whether it can be changed', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const response = await client.get('/api/v1/notification-preferences').bearerToken(await tokenFor(me.id))
    response.assertStatus(200)
    const data = response.body().data
    assert.lengthOf(data, NOTIFICATION_EVENT_NAMES.length * 2)
    assert.deepInclude(data, { event: 'money_received', label: 'Money received', channel: 'mail', enabled: false, security: false, changeable: true })
    assert.deepInclude(data, { event: 'new_device_sign_in', label: 'Sign-in from a new device', channel: 'mail', enabled: true, security: true, changeable: false })
  })

  test('PUT changes the given pairs, keeps the others, audits the change and returns the whole list', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const token = await tokenFor(me.id)
    const response = await client
      .put('/api/v1/notification-preferences')
      .bearerToken(token)
      .json({ preferences: [{ event: 'money_received', channel: 'mail', enabled: true }, { event: 'account_frozen', channel: 'in_app', enabled: false }] })
    response.assertStatus(200)
    const find = (body: any, event: string, channel: string) => body.data.find((p: any) => p.event === event && p.channel === channel).enabled
    assert.isTrue(find(response.body(), 'money_received', 'mail'))
    assert.isFalse(find(response.body(), 'account_frozen', 'in_app'))
    assert.isTrue(find(response.body(), 'account_frozen', 'mail'))

    const shown = await client.get('/api/v1/notification-preferences').bearerToken(token)
    assert.deepEqual(shown.body(), response.body())
    const audit = await db.from('audit_events').where({ actor_id: String(me.id), action: 'notification.preferences.changed' })
    assert.lengthOf(audit, 1)
    assert.deepEqual(audit[0].after, [
      { event: 'money_received', channel: 'mail', enabled: true },
      { event: 'account_frozen', channel: 'in_app', enabled: false },
    ])

    /* the same request again changes nothing and audits nothing */
    await client.put('/api/v1/notification-preferences').bearerToken(token)
      .json({ preferences: [{ event: 'money_received', channel: 'mail', enabled: true }] })
    assert.lengthOf(await db.from('audit_events').where({ actor_id: String(me.id), action: 'notification.preferences.changed' }), 1)
  })

  test('turning a security notice off is 422 E_SECURITY_NOTICE_REQUIRED and changes nothing', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const token = await tokenFor(me.id)
    const response = await client
      .put('/api/v1/notification-preferences')
      .bearerToken(token)
      .json({ preferences: [{ event: 'money_sent', channel: 'mail', enabled: true }, { event: 'password_changed', channel: 'mail', enabled: false }] })
    const problem = assertProblem(assert, response, 422, 'E_SECURITY_NOTICE_REQUIRED')
    assert.deepEqual(problem.errors.map((e: any) => e.field), ['preferences.1.enabled'])
    assert.lengthOf(await db.from('notification_preferences').where('customer_id', me.id), 0)
  })

  test('validates the body: unknown event or channel, non-boolean, duplicates, empty list', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const token = await tokenFor(me.id)
    const bodies = [
      { preferences: [{ event: 'lottery_won', channel: 'mail', enabled: true }] },
      { preferences: [{ event: 'money_sent', channel: 'sms', enabled: true }] },
      { preferences: [{ event: 'money_sent', channel: 'mail', enabled: 'yes' }] },
      { preferences: [{ event: 'money_sent', channel: 'mail', enabled: true }, { event: 'money_sent', channel: 'mail', enabled: false }] },
      { preferences: [] },
      {},
    ]
    for (const body of bodies) {
      assertProblem(assert, await client.put('/api/v1/notification-preferences').bearerToken(token).json(body), 422, 'E_VALIDATION_ERROR')
    }
    assert.lengthOf(await db.from('notification_preferences').where('customer_id', me.id), 0)
  })
})
