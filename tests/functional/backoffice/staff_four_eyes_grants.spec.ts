import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import StaffInvitationMail from '#mails/staff_invitation_mail'
import { staffMailSettled } from '#services/mail/staff_mail'
import { auditAbout } from '#tests/helpers/audit'
import { resetLoginThrottle, refusalOn, signedInStaff } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { createStaff, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

const approvalOf = (makerId: number | bigint, kind: string) =>
  db.from('approvals').where('maker_id', Number(makerId)).where('kind', kind).orderBy('id', 'desc').firstOrFail()

const approvalRow = (id: number | string) => db.from('approvals').where('id', id).firstOrFail()

const countOf = async (table: string) => Number((await db.from(table).count('* as n'))[0].n)

/**
 * Finding 1 of the security review: an admin invited a second admin alone,
 * set its password from the link, enrolled TOTP and used it to approve the
 * first admin's own adjustment. Granting power is now four-eyes: the attack
 * stops at the invitation.
 */
test.group('Four-eyes grants: invitation and reactivation', (group) => {
  group.each.setup(() => {
    mail.fake()
    return () => mail.restore()
  })
  group.each.setup(() => resetLoginThrottle())

  test('an admin alone cannot invite a second admin to approve their own adjustment: stopped at the invitation', async ({ client, assert }) => {
    const fake = mail.fake()
    const { accounts } = await customerWithAccounts([{ currency: 'EUR', amount: '10.00' }])
    const { agent: adminA, staff: a } = await signedInStaff(client, 'admin')

    // A files a manual adjustment into a customer account (four-eyes already)
    const adjustmentKey = randomUUID()
    await adminA.post('/backoffice/adjustments', {
      accountNumber: accounts[0].number, direction: 'credit', amount: '500.00', reason: 'Goodwill', idempotencyKey: adjustmentKey,
    })
    const adjustment = await approvalOf(a.id, 'ledger.adjustment')
    assert.equal(adjustment.status, 'pending')

    // A invites a brand-new admin: only a pending request exists
    const email = `mallory-${randomUUID().slice(0, 8)}@strongroom.test`
    const tokensBefore = await countOf('staff_password_tokens')
    const staffBefore = await countOf('staff_users')
    const invite = await adminA.post('/backoffice/staff', { full_name: 'Mallory Second', email, role: 'admin', idempotency_key: randomUUID() })
    invite.assertStatus(302)
    assert.match((await adminA.flashAfter(invite)).success!, /waiting for another administrator's approval/)
    const invitation = await approvalOf(a.id, 'staff.invite')
    assert.equal(invitation.status, 'pending')
    assert.deepEqual(invitation.payload, { email, fullName: 'Mallory Second', role: 'admin' })
    assert.isNull(await db.from('staff_users').whereRaw('lower(email) = ?', [email]).first(), 'no staff_users row')
    assert.equal(await countOf('staff_users'), staffBefore)
    assert.equal(await countOf('staff_password_tokens'), tokensBefore, 'no set-password token')
    await staffMailSettled()
    fake.mails.assertNoneSent()

    // A cannot approve the invitation, nor their own adjustment
    ;(await adminA.post(`/backoffice/approvals/${invitation.id}/approve`, {})).assertStatus(403)
    ;(await adminA.post(`/backoffice/approvals/${adjustment.id}/approve`, {})).assertStatus(403)
    assert.equal((await approvalRow(invitation.id)).status, 'pending')
    assert.equal((await approvalRow(adjustment.id)).status, 'pending')
    assert.isNull(await db.from('staff_users').whereRaw('lower(email) = ?', [email]).first())
    assert.equal((await db.from('accounts').where('id', accounts[0].id).firstOrFail()).balance, '1000', 'nothing booked')
    await staffMailSettled()
    fake.mails.assertNoneSent()

    // Another admin approves the invitation: the member exists, one mail
    const { agent: adminB, staff: b } = await signedInStaff(client, 'admin')
    ;(await adminB.post(`/backoffice/approvals/${invitation.id}/approve`, { reason: 'Confirmed with HR' })).assertStatus(302)
    ;(await adminB.post(`/backoffice/approvals/${invitation.id}/approve`, {})).assertStatus(302)
    await staffMailSettled()
    const created = await db.from('staff_users').whereRaw('lower(email) = ?', [email])
    assert.lengthOf(created, 1)
    assert.containsSubset(created[0], { role: 'admin', is_active: true, totp_secret: null })
    assert.containsSubset(await approvalRow(invitation.id), { status: 'approved', checker_id: String(b.id) })
    assert.lengthOf(await db.from('staff_password_tokens').where('staff_user_id', created[0].id), 1)
    const audits = await auditAbout('staff.invited', created[0].id)
    assert.lengthOf(audits, 1)
    assert.equal(audits[0].actor_id, String(a.id))
    assert.equal(audits[0].metadata.approved_by, String(b.id))
    fake.mails.assertSentCount(StaffInvitationMail, 1)
    assert.equal((await approvalRow(adjustment.id)).status, 'pending', 'the adjustment still waits for a real second person')
  })

  test('a reactivation waits for another admin; the maker cannot approve it and a second request is refused', async ({ client, assert }) => {
    const { agent: adminA, staff: a } = await signedInStaff(client, 'admin')
    const { agent: adminB, staff: b } = await signedInStaff(client, 'admin')
    const { staff: target, secret } = await createStaff({ role: 'admin', enrolled: true, active: false })

    const key = randomUUID()
    const response = await adminA.post(`/backoffice/staff/${target.id}/reactivate`, { reason: 'back from leave', idempotency_key: key })
    response.assertHeader('location', `/backoffice/staff/${target.id}`)
    await adminA.post(`/backoffice/staff/${target.id}/reactivate`, { reason: 'back from leave', idempotency_key: key })
    const approval = await approvalOf(a.id, 'staff.reactivate')
    assert.deepEqual(approval.payload, { staffId: Number(target.id), email: target.email, role: 'admin' })
    assert.lengthOf(await db.from('approvals').where('kind', 'staff.reactivate').where('subject_id', String(target.id)), 1)
    assert.isFalse((await staffRow(target.id)).is_active)
    ;(await new StaffAgent(client).signIn(target.email, secret)).assertHeader('location', '/backoffice/login')

    await adminB.post(`/backoffice/staff/${target.id}/reactivate`, { idempotency_key: randomUUID() })
    assert.equal(
      (await refusalOn(adminB, `/backoffice/staff/${target.id}`)).flash.error,
      "A reactivation of this staff member is already waiting for another administrator's approval."
    )
    ;(await adminA.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(403)
    assert.isFalse((await staffRow(target.id)).is_active)
    assert.lengthOf(await auditAbout('staff.reactivated', target.id), 0)

    ;(await adminB.post(`/backoffice/approvals/${approval.id}/approve`, {})).assertStatus(302)
    assert.isTrue((await staffRow(target.id)).is_active)
    const [audit, ...more] = await auditAbout('staff.reactivated', target.id)
    assert.lengthOf(more, 0)
    assert.equal(audit.actor_id, String(a.id))
    assert.equal(audit.metadata.approved_by, String(b.id))
    ;(await new StaffAgent(client).signIn(target.email, secret)).assertHeader('location', '/backoffice')

    await adminA.post(`/backoffice/staff/${target.id}/reactivate`, { idempotency_key: randomUUID() })
    assert.equal((await refusalOn(adminA, `/backoffice/staff/${target.id}`)).flash.error, 'This staff member is already active.')
  })

  test('the inbox shows an invitation with the role label', async ({ client, assert }) => {
    const { agent: adminA } = await signedInStaff(client, 'admin')
    const { agent: adminB } = await signedInStaff(client, 'admin')
    const email = `inbox-${randomUUID().slice(0, 8)}@strongroom.test`
    await adminA.post('/backoffice/staff', { full_name: 'Ines Inbox', email, role: 'compliance', reason: 'new hire', idempotency_key: randomUUID() })
    const approval = await db.from('approvals').where('kind', 'staff.invite').whereRaw("payload->>'email' = ?", [email]).firstOrFail()
    const page = await adminB.get(`/backoffice/approvals/${approval.id}`, { inertia: true })
    const detail = page.inertiaProps.approval
    assert.equal(detail.summary, `Invite Ines Inbox (${email}) as Compliance`)
    assert.deepInclude(detail.payload, { label: 'Role', value: 'Compliance (compliance)' })
    assert.deepInclude(detail.payload, { label: 'Email', value: email })
    page.assertInertiaPropsContains({ can: { approve: true, reject: true } })
  })
})
