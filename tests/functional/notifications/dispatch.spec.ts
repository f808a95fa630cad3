import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import DispatchNotification from '#actions/notifications/dispatch_notification'
import SendNotificationMail from '#actions/notifications/send_notification_mail'
import NotifyCustomer from '#actions/notifications/notify_customer'
import { InvalidNotificationDataError } from '#domain/notifications/events'
import { findCapturedMail, listCapturedMails } from '#services/mail/captured_mails'
import { createApiCustomer } from '#tests/helpers/api'
import Customer from '#models/customer'
import DataKeyring from '#services/keys/data_keyring'
import { createNotification } from '#database/factories/notification_factory'
import { dispatchJobs, mailJobs, notificationsOf } from '#tests/functional/notifications/outbox_jobs'

const movement = { amountMinor: '250000', currency: 'GBP', accountEnding: '4321' }

async function dispatch(payload: { customerId: number; event: string; dedupeKey: string; data: Record<string, string> }) {
  return (await app.container.make(DispatchNotification)).handle(payload)
}

test.group('Notifications: NotifyCustomer (the outbox)', () => {
  test('enqueues one dispatch job inside the caller\'s transaction: visible after commit', async ({ assert }) => {
    const customer = await createApiCustomer()
    const notify = await app.container.make(NotifyCustomer)
    const jobId = await db.transaction(async (trx) => {
      const id = await notify.handle({ trx, customerId: customer.id, event: 'money_received', dedupeKey: 'tx-1', data: movement })
      /* not committed yet: another connection does not see it */
      assert.lengthOf(await dispatchJobs(customer.id), 0)
      return id
    })
    const jobs = await dispatchJobs(customer.id)
    assert.deepEqual(jobs.map((j) => j.id), [jobId])
    assert.deepEqual(jobs[0].data, { customerId: customer.id, event: 'money_received', dedupeKey: 'tx-1', data: movement })
  })

  test('a rolled-back transaction enqueues nothing', async ({ assert }) => {
    const customer = await createApiCustomer()
    const notify = await app.container.make(NotifyCustomer)
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await notify.handle({ trx, customerId: customer.id, event: 'money_received', dedupeKey: 'tx-2', data: movement })
        throw new Error('the change failed')
      })
    )
    assert.lengthOf(await dispatchJobs(customer.id), 0)
  })

  test('refuses bad data before enqueueing (a producer bug, not a job that fails for days)', async ({ assert }) => {
    const customer = await createApiCustomer()
    const notify = await app.container.make(NotifyCustomer)
    await db.transaction(async (trx) => {
      await assert.rejects(
        () => notify.handle({ trx, customerId: customer.id, event: 'account_frozen', dedupeKey: 'a-1', data: { accountEnding: '1', reason: 'fraud' } as any }),
        InvalidNotificationDataError
      )
      await assert.rejects(
        () => notify.handle({ trx, customerId: customer.id, event: 'account_frozen', dedupeKey: '', data: { accountEnding: '1234' } }),
        InvalidNotificationDataError
      )
    })
    assert.lengthOf(await dispatchJobs(customer.id), 0)
  })
})

test.group('Notifications: DispatchNotification (job handler)', () => {
  test('run twice with the same payload creates one notification and one mail job', async ({ assert }) => {
    const customer = await createApiCustomer()
    const payload = { customerId: customer.id, event: 'large_withdrawal', dedupeKey: 'tx-9', data: movement }

    const first = await dispatch(payload)
    const second = await dispatch(payload)
    assert.isNumber(first.notificationId)
    assert.isTrue(first.mailQueued)
    assert.deepEqual(second, { notificationId: null, mailQueued: false })

    const rows = await notificationsOf(customer.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].title, 'Large withdrawal: GBP 2,500.00')
    assert.isTrue(rows[0].in_app)
    assert.deepEqual(rows[0].data, movement)
    assert.lengthOf(await mailJobs(first.notificationId!), 1)
  })

  test('two concurrent deliveries of one job create one notification', async ({ assert }) => {
    const customer = await createApiCustomer()
    const payload = { customerId: customer.id, event: 'money_received', dedupeKey: 'tx-c', data: movement }
    const results = await Promise.all([dispatch(payload), dispatch(payload), dispatch(payload)])
    assert.equal(results.filter((r) => r.notificationId !== null).length, 1)
    assert.lengthOf(await notificationsOf(customer.id), 1)
  })

  test('the same key for another event or another customer is another notification', async ({ assert }) => {
    const a = await createApiCustomer()
    const b = await createApiCustomer()
    await dispatch({ customerId: a.id, event: 'money_sent', dedupeKey: 'tx-7', data: movement })
    await dispatch({ customerId: a.id, event: 'money_received', dedupeKey: 'tx-7', data: movement })
    await dispatch({ customerId: b.id, event: 'money_received', dedupeKey: 'tx-7', data: movement })
    assert.lengthOf(await notificationsOf(a.id), 2)
    assert.lengthOf(await notificationsOf(b.id), 1)
  })

  test('mail is enqueued only when the preferences allow it', async ({ assert }) => {
    const customer = await createApiCustomer()
    /* money_received: mail off by default */
    const byDefault = await dispatch({ customerId: customer.id, event: 'money_received', dedupeKey: 'tx-a', data: movement })
    assert.isFalse(byDefault.mailQueued)
    assert.lengthOf(await mailJobs(byDefault.notificationId!), 0)

    /* turned on by the customer */
    await db.table('notification_preferences').insert({ customer_id: customer.id, event: 'money_received', channel: 'mail', enabled: true })
    const chosen = await dispatch({ customerId: customer.id, event: 'money_received', dedupeKey: 'tx-b', data: movement })
    assert.isTrue(chosen.mailQueued)
    assert.lengthOf(await mailJobs(chosen.notificationId!), 1)

    /* account_frozen: mail on by default, turned off by the customer */
    await db.table('notification_preferences').insert({ customer_id: customer.id, event: 'account_frozen', channel: 'mail', enabled: false })
    const off = await dispatch({ customerId: customer.id, event: 'account_frozen', dedupeKey: 'f-1', data: { accountEnding: '4321' } })
    assert.isFalse(off.mailQueued)
    assert.lengthOf(await mailJobs(off.notificationId!), 0)
  })

  test('security notices are mailed and shown even when stored preferences say otherwise', async ({ assert }) => {
    const customer = await createApiCustomer()
    await db.table('notification_preferences').multiInsert([
      { customer_id: customer.id, event: 'password_changed', channel: 'mail', enabled: false },
      { customer_id: customer.id, event: 'password_changed', channel: 'in_app', enabled: false },
    ])
    const result = await dispatch({ customerId: customer.id, event: 'password_changed', dedupeKey: 'p-1', data: { changedAt: '2026-01-02T03:04:05Z' } })
    assert.isTrue(result.mailQueued)
    assert.isTrue((await notificationsOf(customer.id))[0].in_app)
  })

  test('in-app turned off: the row is kept for the mail but hidden from the customer', async ({ client, assert }) => {
    const customer = await createApiCustomer()
    await db.table('notification_preferences').insert({ customer_id: customer.id, event: 'money_sent', channel: 'in_app', enabled: false })
    const result = await dispatch({ customerId: customer.id, event: 'money_sent', dedupeKey: 'tx-h', data: movement })
    assert.isFalse((await notificationsOf(customer.id))[0].in_app)
    assert.isFalse(result.mailQueued)
    const { tokenFor } = await import('#tests/helpers/api')
    const listed = await client.get('/api/v1/notifications').bearerToken(await tokenFor(customer.id))
    assert.lengthOf(listed.body().data, 0)
  })

  test('a payload with bad data fails the job (retried, then dead-lettered) and writes nothing', async ({ assert }) => {
    const customer = await createApiCustomer()
    await assert.rejects(() => dispatch({ customerId: customer.id, event: 'money_sent', dedupeKey: 'bad', data: { amountMinor: '1.5' } }), InvalidNotificationDataError)
    assert.lengthOf(await notificationsOf(customer.id), 0)
  })
})

test.group('Notifications: SendNotificationMail (job handler)', () => {
  test('mails the notification (HTML and text, Strongroom brand), then sets mailed_at; a second run sends nothing', async ({ assert }) => {
    const customer = await createApiCustomer()
    const result = await dispatch({ customerId: customer.id, event: 'large_withdrawal', dedupeKey: 'tx-m', data: movement })
    const send = await app.container.make(SendNotificationMail)

    assert.deepEqual(await send.handle({ notificationId: result.notificationId! }), { sent: true })
    const row = await db.from('notifications').where('id', result.notificationId!).first()
    assert.isNotNull(row.mailed_at)

    const captured = (await listCapturedMails()).filter((m) => m.to.some((to) => to.includes(customer.email)))
    assert.lengthOf(captured, 1)
    const mail = (await findCapturedMail(captured[0].id))!
    assert.equal(mail.subject, 'Strongroom: Large withdrawal: GBP 2,500.00')
    assert.include(mail.html!, 'GBP 2,500.00 was withdrawn from your account ending 4321.')
    assert.include(mail.html!, 'Strongroom')
    assert.include(mail.text!, 'GBP 2,500.00 was withdrawn from your account ending 4321.')
    assert.notInclude(mail.text!, '<p')
    assert.include(mail.text!, 'notification preferences')

    assert.deepEqual(await send.handle({ notificationId: result.notificationId! }), { sent: false, reason: 'already_mailed' })
    assert.lengthOf((await listCapturedMails()).filter((m) => m.to.some((to) => to.includes(customer.email))), 1)
  })

  test('a security notice says it cannot be turned off; names are escaped in HTML', async ({ assert }) => {
    const customer = await createApiCustomer()
    /* the name is sealed personal data: changed through the model */
    const named = await Customer.findOrFail(customer.id)
    named.fullName = 'Ada <b>Lovelace</b>'
    await named.save()
    const result = await dispatch({ customerId: customer.id, event: 'new_device_sign_in', dedupeKey: 'd-1', data: { ip: '203.0.113.7', signedInAt: '2026-02-03T04:05:06Z' } })
    await (await app.container.make(SendNotificationMail)).handle({ notificationId: result.notificationId! })
    const [summary] = (await listCapturedMails()).filter((m) => m.to.some((to) => to.includes(customer.email)))
    const mail = (await findCapturedMail(summary.id))!
    assert.include(mail.html!, 'This is a security notice')
    assert.include(mail.html!, 'Ada &lt;b&gt;Lovelace&lt;/b&gt;')
    assert.include(mail.text!, 'Hello Ada <b>Lovelace</b>,')
    assert.include(mail.text!, 'IP address 203.0.113.7')
  })

  test('an unknown or already mailed notification is skipped', async ({ assert }) => {
    const customer = await createApiCustomer()
    const mailed = await createNotification(customer.id, { mailed: true })
    const send = await app.container.make(SendNotificationMail)
    assert.deepEqual(await send.handle({ notificationId: mailed.id }), { sent: false, reason: 'already_mailed' })
    assert.deepEqual(await send.handle({ notificationId: 999_999_999 }), { sent: false, reason: 'missing' })
  })

  test("an erased customer's notification is not mailed: no address is left (the job held none)", async ({ assert }) => {
    const customer = await createApiCustomer()
    const result = await dispatch({ customerId: customer.id, event: 'new_device_sign_in', dedupeKey: 'd-erased', data: { ip: '203.0.113.8', signedInAt: '2026-02-03T04:05:06Z' } })
    assert.notInclude(JSON.stringify(await mailJobs(result.notificationId!)), customer.email, 'the job carries no address')
    assert.notInclude(JSON.stringify(await notificationsOf(customer.id)), customer.email, 'nor does the notification row')
    assert.isTrue(await DataKeyring.destroyCustomerKey(customer.id))
    assert.deepEqual(await (await app.container.make(SendNotificationMail)).handle({ notificationId: result.notificationId! }), { sent: false, reason: 'erased' })
    assert.lengthOf((await listCapturedMails()).filter((m) => m.to.some((to) => to.includes(customer.email))), 0)
  })
})
