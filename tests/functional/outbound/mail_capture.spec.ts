import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import mail from '@adonisjs/mail/services/main'
import { mailSettings } from '#config/mail'
import type { CapturedMail } from '#services/mail/capture_transport'
import { deliverMail } from '#services/mail/mail_delivery'
import { outboundStates } from '#services/outbound/circuit_breakers'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { OutboundTestMail } from '#tests/functional/outbound/smtp_test_server'

const written: string[] = []

/** Delivers a mail with the default mailer and returns what the capture transport wrote */
async function captureOne(subject: string, to?: string): Promise<CapturedMail> {
  const response = (await deliverMail(new OutboundTestMail(subject, to))) as { original: CapturedMail }
  const file = join(mailSettings.captureDirectory, `${response.original.id}.json`)
  written.push(file)
  return JSON.parse(await readFile(file, 'utf8'))
}

test.group('Mail capture (development and test)', (group) => {
  group.teardown(async () => {
    await Promise.all(written.splice(0).map((file) => rm(file, { force: true })))
  })
  group.each.setup(async () => {
    mail.restore()
    await resetLoginThrottle()
  })

  test('the default mailer of a fresh clone and of the tests captures mail as a JSON file under tmp/mail', async ({ assert }) => {
    assert.equal(mailSettings.mailer, 'capture')
    const subject = `Captured ${randomUUID()}`
    const file = await captureOne(subject, 'someone@example.test')

    assert.equal(file.subject, subject)
    assert.deepEqual(file.to, ['someone@example.test'])
    assert.equal(file.text, `Text of ${subject}`)
    assert.equal(file.html, `<p>HTML of ${subject}</p>`)
    assert.include(file.from ?? '', 'noreply@strongroom.test')
    assert.closeTo(new Date(file.date).getTime(), Date.now(), 10_000)
    assert.equal(outboundStates().find((s) => s.destination === 'mail:capture')?.state, 'closed')
  })

  test('the development page lists captured mail newest first and shows one (admin)', async ({ client, assert }) => {
    const older = await captureOne(`Older ${randomUUID()}`)
    /* a captured mail's id starts with its time to the millisecond: two in the same one would have no order */
    await new Promise((resolve) => setTimeout(resolve, 5))
    const newer = await captureOne(`Newer ${randomUUID()}`)
    const { agent } = await signedIn(client, 'admin')

    const list = await agent.get('/backoffice/dev/mail', { inertia: true })
    list.assertStatus(200)
    list.assertInertiaComponent('backoffice/dev/mail/index')
    const mails = list.inertiaProps.mails as { id: string; subject: string; url: string }[]
    const ids = mails.map((m) => m.id)
    assert.include(ids, older.id)
    assert.isBelow(ids.indexOf(newer.id), ids.indexOf(older.id), 'newest first')
    const listed = mails.find((m) => m.id === newer.id)!
    assert.equal(listed.subject, newer.subject)
    assert.notProperty(listed, 'html')

    const show = await agent.get(listed.url, { inertia: true })
    show.assertStatus(200)
    show.assertInertiaComponent('backoffice/dev/mail/show')
    assert.deepInclude(show.inertiaProps.mail as CapturedMail, { id: newer.id, subject: newer.subject, html: newer.html, text: newer.text })

    const missing = await agent.get('/backoffice/dev/mail/2000-01-01T00-00-00-000Z-000000000000', { inertia: true })
    missing.assertStatus(404)
    const traversal = await agent.get('/backoffice/dev/mail/..%2F..%2Fpackage', { inertia: true })
    traversal.assertStatus(404)
  })

  test('a teller is refused the development page (403)', async ({ client }) => {
    await captureOne(`For admins ${randomUUID()}`)
    const { agent } = await signedIn(client, 'teller')
    const response = await agent.get('/backoffice/dev/mail', { inertia: true })
    response.assertStatus(403)
    response.assertInertiaComponent('backoffice/errors/error')
  })
})
