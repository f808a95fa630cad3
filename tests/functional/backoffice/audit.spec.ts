import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { StaffRole } from '#models/staff_user'
import { AuditEventFactory } from '#database/factories/audit_event_factory'
import AuditSealer from '#services/audit/audit_sealer'
import { OWNER_CONNECTION } from '#services/database/database_roles'
import { bypassingTrigger } from '#tests/helpers/audit'
import { resetLoginThrottle } from '#tests/helpers/backoffice'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'

async function signedIn(client: any, role: StaffRole = 'auditor') {
  const { staff, secret } = await createStaff({ role, enrolled: true })
  const agent = new StaffAgent(client)
  ;(await agent.signIn(staff.email, secret)).assertStatus(302)
  return { agent, staff }
}

/** Events with a subject unique to the test, oldest first */
async function events(count: number, tag: string, action = `test.${tag}.happened`, actorId: number | string = 1) {
  const ids = []
  for (let i = 0; i < count; i++) {
    const event = await AuditEventFactory.merge({
      actorType: 'staff',
      actorId: String(actorId),
      action,
      subjectType: 'widget',
      subjectId: `${tag}-${i}`,
      before: { n: i },
      after: { n: i + 1 },
      ip: '10.1.2.3',
      requestId: `req-${tag}-${i}`,
    }).create()
    ids.push(event.id)
  }
  return ids
}

test.group('Backoffice audit trail', (group) => {
  group.each.setup(() => resetLoginThrottle())

  test('lists events newest first, filtered by action prefix, with keyset pages both ways', async ({ client, assert }) => {
    const tag = randomUUID().slice(0, 8)
    const ids = await events(7, tag)
    await AuditEventFactory.merge({ actorType: 'system', actorId: null, action: `other.${tag}` }).create()
    const { agent } = await signedIn(client, 'auditor')

    const first = await agent.get(`/backoffice/audit?action=test.${tag}.&perPage=5`, { inertia: true })
    first.assertStatus(200)
    first.assertInertiaComponent('backoffice/audit/index')
    const props = first.inertiaProps
    assert.deepEqual(props.events.map((e: any) => e.id), ids.slice(2).reverse())
    assert.deepEqual(props.cursors, { newer: null, older: ids[2] })
    assert.containsSubset(props.events[0], {
      action: `test.${tag}.happened`,
      actor: { type: 'staff', id: '1' },
      subject: { type: 'widget', id: `${tag}-6` },
      ip: '10.1.2.3',
      requestId: `req-${tag}-6`,
      url: `/backoffice/audit/${ids[6]}`,
    })
    assert.containsSubset(props, { can: { verify: true }, urls: { verify: '/backoffice/audit/verify' } })

    const older = await agent.get(`/backoffice/audit?action=test.${tag}.&perPage=5&before=${ids[2]}`, { inertia: true })
    assert.deepEqual(older.inertiaProps.events.map((e: any) => e.id), [ids[1], ids[0]])
    assert.deepEqual(older.inertiaProps.cursors, { newer: ids[1], older: null })

    const newer = await agent.get(`/backoffice/audit?action=test.${tag}.&perPage=5&after=${ids[1]}`, { inertia: true })
    assert.deepEqual(newer.inertiaProps.events.map((e: any) => e.id), ids.slice(2).reverse())
    assert.deepEqual(newer.inertiaProps.cursors, { newer: null, older: ids[2] })

    const literal = await agent.get(`/backoffice/audit?action=test.${tag.slice(0, 4)}%25`, { inertia: true })
    assert.lengthOf(literal.inertiaProps.events, 0, 'LIKE wildcards are literal')
  })

  test('filters by staff email, actor, subject and date range', async ({ client, assert }) => {
    const tag = randomUUID().slice(0, 8)
    const { staff: actor } = await createStaff({ role: 'teller' })
    const [mine] = await events(1, tag, `test.${tag}.mine`, actor.id)
    const [theirs] = await events(1, `${tag}x`, `test.${tag}.theirs`, 999999)
    const { agent } = await signedIn(client, 'compliance')

    const byEmail = await agent.get(`/backoffice/audit?actorEmail=${encodeURIComponent(actor.email.toUpperCase())}&action=test.${tag}`, { inertia: true })
    assert.deepEqual(byEmail.inertiaProps.events.map((e: any) => e.id), [mine])
    assert.equal(byEmail.inertiaProps.events[0].actor.label, actor.email)

    const byActor = await agent.get(`/backoffice/audit?actorType=staff&actorId=999999&action=test.${tag}`, { inertia: true })
    assert.deepEqual(byActor.inertiaProps.events.map((e: any) => e.id), [theirs])

    const bySubject = await agent.get(`/backoffice/audit?subjectType=widget&subjectId=${tag}-0`, { inertia: true })
    assert.deepEqual(bySubject.inertiaProps.events.map((e: any) => e.id), [mine])

    const today = new Date().toISOString().slice(0, 10)
    const inRange = await agent.get(`/backoffice/audit?action=test.${tag}&from=${today}&to=${today}`, { inertia: true })
    assert.sameMembers(inRange.inertiaProps.events.map((e: any) => e.id), [mine, theirs])
    const past = await agent.get(`/backoffice/audit?action=test.${tag}&to=2000-01-01`, { inertia: true })
    assert.lengthOf(past.inertiaProps.events, 0)

    const unknown = await agent.get(`/backoffice/audit?actorEmail=nobody-${tag}@example.test`, { inertia: true })
    assert.lengthOf(unknown.inertiaProps.events, 0)
    assert.isFalse(unknown.inertiaProps.can.verify, 'compliance may browse but not run the verification')
  })

  test('the filtered queries use indexes', async ({ assert }) => {
    /* ANALYZE is the table owner's (the app's runtime role owns nothing) */
    await db.connection(OWNER_CONNECTION).rawQuery('analyze audit_events')
    /* One transaction, so SET LOCAL and EXPLAIN run on the same pooled connection */
    const plan = (where: string, bindings: string[]) =>
      db.transaction(async (trx) => {
        await trx.rawQuery('set local enable_seqscan = off')
        const { rows } = await trx.rawQuery(`explain select * from audit_events where ${where} order by id desc limit 51`, bindings)
        return rows.map((r: any) => r['QUERY PLAN']).join('\n') as string
      })
    /* A selective prefix: for one matching most rows, a backward scan of the primary key is cheaper and rightly chosen */
    assert.include(await plan('action like ?', ['customer.pii.%']), 'audit_events_action_prefix_idx')
    assert.match(await plan('actor_type = ? and actor_id = ?', ['staff', '1']), /audit_events_actor_type_actor_id_id_index/)
    assert.match(await plan('subject_type = ? and subject_id = ?', ['approval', '1']), /audit_events_subject_type_subject_id_id_index/)
  })

  test('shows one event: before/after, ip, request id, row hash and its block once sealed', async ({ client }) => {
    const tag = randomUUID().slice(0, 8)
    const [id] = await events(1, tag)
    const { agent } = await signedIn(client, 'admin')

    const unsealed = await agent.get(`/backoffice/audit/${id}`, { inertia: true })
    unsealed.assertInertiaComponent('backoffice/audit/show')
    const row = await db.from('audit_events').where('id', id).firstOrFail()
    unsealed.assertInertiaPropsContains({
      event: { id, before: { n: 0 }, after: { n: 1 }, ip: '10.1.2.3', requestId: `req-${tag}-0`, rowHash: row.row_hash, metadata: {} },
      block: null,
    })

    await new AuditSealer().seal()
    const seal = await db.from('audit_seals as s').join('audit_blocks as b', 'b.id', 's.block_id').where('s.event_id', id).firstOrFail()
    const sealed = await agent.get(`/backoffice/audit/${id}`, { inertia: true })
    sealed.assertInertiaPropsContains({ block: { id: Number(seal.block_id), blockHash: seal.block_hash } })

    ;(await agent.get('/backoffice/audit/999999999', { inertia: true })).assertStatus(404)
  })

  for (const role of ['teller', 'loan_officer'] as StaffRole[]) {
    test(`a ${role} cannot browse the audit trail`, async ({ client }) => {
      const { agent } = await signedIn(client, role)
      ;(await agent.get('/backoffice/audit', { inertia: true })).assertStatus(403)
    })
  }

  test('"Run verification" seals pending rows, verifies, stores the run and audits it', async ({ client, assert }) => {
    const { agent, staff } = await signedIn(client, 'auditor')
    const [pending] = await events(1, randomUUID().slice(0, 8))

    const response = await agent.post('/backoffice/audit/verify', {})
    response.assertStatus(302)
    response.assertHeader('location', '/backoffice/audit')
    const page = await agent.get('/backoffice/audit', { inertia: true })
    assert.match(page.inertiaProps.flash.success, /^Audit chain verified: \d+ rows, \d+ blocks, no break\.$/)

    assert.isNotNull(await db.from('audit_seals').where('event_id', pending).first(), 'pending rows were sealed first')
    const run = await db.from('audit_verifications').orderBy('id', 'desc').firstOrFail()
    assert.containsSubset(run, { ok: true, source: 'backoffice', run_by: String(staff.id), breaks: [] })
    const lastBlock = await db.from('audit_blocks').orderBy('id', 'desc').firstOrFail()
    assert.equal(run.last_verified_block, lastBlock.id)
    const [audit] = await db.from('audit_events').where('action', 'audit.verified').where('subject_id', String(run.id))
    assert.containsSubset(audit, { actor_type: 'staff', actor_id: String(staff.id) })
    assert.containsSubset(audit.after, { ok: true, breaks: 0 })

    assert.containsSubset(page.inertiaProps.chain, {
      lastRun: { id: Number(run.id), ok: true, breaks: [], runBy: { email: staff.email }, source: 'backoffice' },
    })
  }).timeout(60_000)

  test('a broken chain is flashed as an error and its breaks shown on the status panel', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'admin')
    const [id] = await events(1, randomUUID().slice(0, 8))
    await new AuditSealer().seal()
    await bypassingTrigger('audit_events', [`update audit_events set metadata = '{"tampered": true}' where id = ?`, [id]])
    try {
      await agent.post('/backoffice/audit/verify', {})
      const page = await agent.get('/backoffice/audit', { inertia: true })
      assert.match(page.inertiaProps.flash.error, /^Audit chain BROKEN: 1 break\(s\) found/)
      const run = page.inertiaProps.chain.lastRun
      assert.isFalse(run.ok)
      assert.deepEqual(run.breaks.map((b: any) => b.kind), ['row_hash'])
      assert.include(run.breaks[0].message, `event ${id}`)
      const stored = await db.from('audit_verifications').where('id', run.id).firstOrFail()
      assert.isFalse(stored.ok)
    } finally {
      await bypassingTrigger('audit_events', [`update audit_events set metadata = '{}' where id = ?`, [id]])
    }
  }).timeout(60_000)

  test('node ace audit:verify records its run for the status panel', async ({ client, assert }) => {
    await promisify(execFile)(process.execPath, ['ace', 'audit:verify'], { cwd: app.appRoot.pathname, env: process.env })
    const run = await db.from('audit_verifications').orderBy('id', 'desc').firstOrFail()
    assert.containsSubset(run, { ok: true, source: 'cli', run_by: null })
    const [audit] = await db.from('audit_events').where('action', 'audit.verified').where('subject_id', String(run.id))
    assert.containsSubset(audit, { actor_type: 'system', actor_id: null })

    const { agent } = await signedIn(client, 'auditor')
    const page = await agent.get('/backoffice/audit', { inertia: true })
    assert.containsSubset(page.inertiaProps.chain.lastRun, { id: Number(run.id), source: 'cli', runBy: null })
  }).timeout(60_000)

  test('compliance may browse but gets 403 on "Run verification" and no run is stored', async ({ client, assert }) => {
    const { agent } = await signedIn(client, 'compliance')
    const before = await db.from('audit_verifications').count('* as n')
    ;(await agent.post('/backoffice/audit/verify', {})).assertStatus(403)
    assert.deepEqual(await db.from('audit_verifications').count('* as n'), before)
  })
})
