import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { EXPIRY_MESSAGES } from '#services/auth/staff_session'
import { auditAbout } from '#tests/helpers/audit'
import { resetLoginThrottle, signedInStaff } from '#tests/helpers/backoffice'
import { customerWithAccounts } from '#tests/helpers/customers'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'
import { type AppInstance, startAppInstance } from '#tests/helpers/app_instance'

/**
 * Finding 2 of the security review: sessions lived in the cookie, and a
 * copy of the cookie kept working after logout (it booked a deposit).
 * Sessions are now records in PostgreSQL (staff_sessions): logout, the
 * idle and the absolute limit end the record, and every copy of the
 * cookie is refused on every instance.
 */

const balanceOf = async (accountId: number) => (await db.from('accounts').where('id', accountId).firstOrFail()).balance

const postingsOf = async (accountId: number) =>
  Number((await db.from('ledger_entries').where('account_id', accountId).count('* as n'))[0].n)

async function tellerAt(client: ApiClient) {
  const { staff, secret } = await createStaff({ role: 'teller', enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(staff.email, secret)).assertHeader('location', '/backoffice')
  return { agent, staff }
}

function deposit(agent: StaffAgent, accountNumber: string, reference: string) {
  return agent.post('/backoffice/teller/deposit', { accountNumber, amount: '12.34', reference, idempotencyKey: randomUUID() })
}

/** Two web processes with the production session store (encrypted cookies), like two instances behind a balancer */
test.group('Staff sessions end server-side: copied cookies on two instances', (group) => {
  let first: AppInstance
  let second: AppInstance
  group.setup(async () => {
    ;[first, second] = await Promise.all([
      startAppInstance({ SESSION_DRIVER: 'cookie' }),
      startAppInstance({ SESSION_DRIVER: 'cookie' }),
    ])
    return async () => {
      await Promise.all([first?.stop(), second?.stop()])
    }
  })
  group.each.setup(() => resetLoginThrottle())
  group.each.timeout(60_000)

  test('a cookie copied before logout is refused afterwards: the replayed deposit is not booked', async ({ assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'EUR', amount: '10.00' }])
    const account = accounts[0]
    const { agent, staff } = await tellerAt(new ApiClient(first.url, assert))
    const copy = agent.copy()

    const booked = await deposit(copy, account.number, 'copy while signed in')
    booked.assertHeader('location', '/backoffice/teller')
    assert.equal(await balanceOf(account.id), '2234', 'the copy is a working session before logout')

    ;(await agent.post('/backoffice/logout', {})).assertHeader('location', '/backoffice/login')
    const postingsBefore = await postingsOf(account.id)
    const replay = await deposit(copy, account.number, 'replayed after logout')
    replay.assertStatus(302)
    replay.assertHeader('location', '/backoffice/login')
    assert.equal(await balanceOf(account.id), '2234', 'nothing booked')
    assert.equal(await postingsOf(account.id), postingsBefore)
    ;(await copy.copy().get('/backoffice', { json: true })).assertStatus(401)

    const [row] = await db.from('staff_sessions').where('staff_user_id', staff.id)
    assert.equal(row.end_reason, 'logout')
    assert.isNotNull(row.ended_at)
  })

  test('a second instance cannot resurrect a session logged out on the first', async ({ assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'EUR', amount: '10.00' }])
    const account = accounts[0]
    const { agent } = await tellerAt(new ApiClient(first.url, assert))
    const onSecond = agent.copy(new ApiClient(second.url, assert))
    ;(await deposit(onSecond, account.number, 'on the second instance while signed in')).assertHeader('location', '/backoffice/teller')
    assert.equal(await balanceOf(account.id), '2234', 'the cookie of the first instance works on the second')

    ;(await agent.post('/backoffice/logout', {})).assertHeader('location', '/backoffice/login')
    const replay = await deposit(onSecond, account.number, 'replayed on the second instance')
    replay.assertHeader('location', '/backoffice/login')
    assert.equal(await balanceOf(account.id), '2234', 'nothing booked')

    // and the other way round: logged out on the second, refused on the first
    const { agent: other } = await tellerAt(new ApiClient(second.url, assert))
    const otherOnFirst = other.copy(new ApiClient(first.url, assert))
    ;(await other.post('/backoffice/logout', {})).assertHeader('location', '/backoffice/login')
    ;(await deposit(otherOnFirst, account.number, 'replayed on the first instance')).assertHeader('location', '/backoffice/login')
    assert.equal(await balanceOf(account.id), '2234')
  })
})

test.group('Staff sessions end server-side: idle and absolute limits from the database', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('idle: a copy is refused once the server-side last use is older than the idle limit', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'EUR', amount: '10.00' }])
    const { agent, staff } = await signedInStaff(client, 'teller')
    const copy = agent.copy()
    ;(await agent.get('/backoffice', { inertia: true })).assertStatus(200)
    await db.from('staff_sessions').where('staff_user_id', staff.id).update({ last_seen_at: db.raw("now() - interval '31 minutes'") })

    const replay = await deposit(copy, accounts[0].number, 'after idle')
    replay.assertHeader('location', '/backoffice/login')
    assert.equal((await copy.flashAfter(replay)).error, EXPIRY_MESSAGES.idle)
    assert.equal(await balanceOf(accounts[0].id), '1000', 'nothing booked')
    const [row] = await db.from('staff_sessions').where('staff_user_id', staff.id)
    assert.equal(row.end_reason, 'idle')
    const [audit] = await auditAbout('staff.session.expired', staff.id)
    assert.equal(audit.metadata.reason, 'idle')

    ;(await agent.get('/backoffice', { inertia: true })).assertHeader('location', '/backoffice/login')
  })

  test('absolute: a busy session is refused once the server-side start is older than the maximum length', async ({ client, assert }) => {
    const { accounts } = await customerWithAccounts([{ currency: 'EUR', amount: '10.00' }])
    const { agent, staff } = await signedInStaff(client, 'teller')
    await db
      .from('staff_sessions')
      .where('staff_user_id', staff.id)
      .update({ created_at: db.raw("now() - interval '12 hours 1 minute'"), last_seen_at: db.raw('now()') })

    const replay = await deposit(agent, accounts[0].number, 'after the absolute limit')
    replay.assertHeader('location', '/backoffice/login')
    assert.equal((await agent.flashAfter(replay)).error, EXPIRY_MESSAGES.absolute)
    assert.equal(await balanceOf(accounts[0].id), '1000', 'nothing booked')
    const [row] = await db.from('staff_sessions').where('staff_user_id', staff.id)
    assert.equal(row.end_reason, 'absolute')
  })

  test('activity moves the server-side last use, so an active session stays open', async ({ client, assert }) => {
    const { agent, staff } = await signedInStaff(client, 'teller')
    await db.from('staff_sessions').where('staff_user_id', staff.id).update({ last_seen_at: db.raw("now() - interval '29 minutes'") })
    ;(await agent.get('/backoffice', { inertia: true })).assertStatus(200)
    const [row] = await db
      .from('staff_sessions')
      .where('staff_user_id', staff.id)
      .select(db.raw("last_seen_at > now() - interval '1 minute' as fresh"), 'ended_at')
    assert.isTrue(row.fresh)
    assert.isNull(row.ended_at)
  })

  test('logout ends the server-side record (audited), and the other sessions of the person stay open', async ({ client, assert }) => {
    const { agent, staff, recoveryCodes } = await signedInStaff(client, 'teller')
    const { secondSession } = await import('#tests/helpers/backoffice')
    const other = await secondSession(client, staff.email, recoveryCodes[0])
    ;(await agent.post('/backoffice/logout', {})).assertHeader('location', '/backoffice/login')

    const rows = await db.from('staff_sessions').where('staff_user_id', staff.id).orderBy('created_at')
    assert.deepEqual(rows.map((r) => r.end_reason), ['logout', null])
    const [ended] = await auditAbout('staff.session.ended', staff.id)
    assert.equal(ended.actor_id, String(staff.id))
    assert.equal(ended.metadata.reason, 'logout')
    ;(await other.get('/backoffice', { inertia: true })).assertStatus(200)
    ;(await agent.get('/backoffice', { inertia: true })).assertHeader('location', '/backoffice/login')
  })

  test('deactivation ends every open session record of the person', async ({ client, assert }) => {
    const { agent: admin } = await signedInStaff(client, 'admin')
    const { agent: teller, staff } = await signedInStaff(client, 'teller')
    await admin.post(`/backoffice/staff/${staff.id}/deactivate`, {})
    const rows = await db.from('staff_sessions').where('staff_user_id', staff.id)
    assert.deepEqual(rows.map((r) => r.end_reason), ['deactivated'])
    ;(await teller.get('/backoffice', { inertia: true })).assertHeader('location', '/backoffice/login')
  })
})
