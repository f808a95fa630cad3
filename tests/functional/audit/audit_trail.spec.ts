import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { Socket } from 'node:net'
import { IncomingMessage } from 'node:http'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import AuditTrail, { auditActor, auditContext } from '#services/audit/audit_trail'
import Customer from '#models/customer'
import { CustomerFactory } from '#database/factories/customer_factory'
import AuditSealer from '#services/audit/audit_sealer'
import { owner } from '#tests/helpers/audit'

async function httpContext(headers: Record<string, string>) {
  /* The request arrives from a loopback proxy, which config/app.ts trusts for X-Forwarded-For */
  const socket = new Socket()
  Object.defineProperty(socket, 'remoteAddress', { value: '127.0.0.1' })
  const req = new IncomingMessage(socket)
  req.headers = headers
  const ctx = await testUtils.createHttpContext({ req })
  ctx.auth = (await app.container.make('auth.manager')).createAuthenticator(ctx)
  return ctx
}

test.group('AuditTrail.record', () => {
  test('writes every field through audit_append with a valid row hash', async ({ assert }) => {
    const requestId = randomUUID()
    const id = await AuditTrail.record({
      actor: { type: 'staff', id: 7 },
      action: 'account.frozen',
      subject: { type: 'account', id: 42 },
      before: { status: 'active' },
      after: { status: 'frozen' },
      ip: '203.0.113.9',
      requestId,
      metadata: { reason: 'fraud alert' },
    })
    const { rows } = await db.rawQuery(
      'select e.*, host(e.ip) as host, audit_row_hash(e) = e.row_hash as hash_ok from audit_events e where id = ?',
      [id]
    )
    const row = rows[0]
    assert.deepInclude(row, {
      actor_type: 'staff', actor_id: '7', action: 'account.frozen', subject_type: 'account', subject_id: '42',
      host: '203.0.113.9', request_id: requestId, hash_ok: true,
    })
    assert.deepEqual([row.before, row.after, row.metadata], [{ status: 'active' }, { status: 'frozen' }, { reason: 'fraud alert' }])
  })

  test('a row recorded in a transaction that rolls back leaves no row', async ({ assert }) => {
    const trx = await db.transaction()
    const id = await AuditTrail.record({ actor: { type: 'system' }, action: 'test.rolled_back' }, trx)
    assert.lengthOf((await trx.rawQuery('select id from audit_events where id = ?', [id])).rows, 1)
    await trx.rollback()
    assert.lengthOf((await db.rawQuery('select id from audit_events where id = ?', [id])).rows, 0)
  })

  test('a row recorded in a transaction commits with it, and is invisible before', async ({ assert }) => {
    const trx = await db.transaction()
    const id = await AuditTrail.record({ actor: { type: 'customer', id: 3 }, action: 'test.committed' }, trx)
    assert.lengthOf((await db.rawQuery('select id from audit_events where id = ?', [id])).rows, 0)
    await trx.commit()
    assert.lengthOf((await db.rawQuery('select id from audit_events where id = ?', [id])).rows, 1)
  })

  test('without a transaction the row is kept even if the action fails afterwards', async ({ assert }) => {
    let id = 0
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        id = await AuditTrail.record({ actor: { type: 'anonymous' }, action: 'staff.login.failed' })
        await trx.rawQuery('select 1/0')
      })
    )
    assert.lengthOf((await db.rawQuery('select id from audit_events where id = ?', [id])).rows, 1)
  })

  test('UPDATE, DELETE and TRUNCATE of audit_events are refused to the app and rejected by the trigger for the owner', async ({ assert }) => {
    const id = await AuditTrail.record({ actor: { type: 'system' }, action: 'test.immutable' })
    /* the app's runtime role has no such privilege (42501); the owner hits the append-only trigger (SR001) */
    for (const [client, code] of [[db.connection(), '42501'], [owner(), 'SR001']] as const) {
      for (const sql of ['update audit_events set action = ? where id = ?', 'delete from audit_events where id = ? or id = ?']) {
        const error = await client.rawQuery(sql, sql.startsWith('update') ? ['x', id] : [id, id]).catch((e) => e)
        assert.equal(error.code, code, sql)
      }
      assert.equal((await client.rawQuery('truncate audit_events cascade').catch((e) => e)).code, code)
    }
    const { rows } = await db.rawQuery('select action from audit_events where id = ?', [id])
    assert.equal(rows[0].action, 'test.immutable')
  })

  test('audit_blocks and audit_seals reject UPDATE and DELETE too', async ({ assert }) => {
    await AuditTrail.record({ actor: { type: 'system' }, action: 'test.sealed' })
    assert.isAbove((await new AuditSealer().seal()).events, 0)
    for (const [client, code] of [[db.connection(), '42501'], [owner(), 'SR001']] as const) {
      for (const sql of ['update audit_blocks set block_hash = block_hash', 'delete from audit_seals', 'truncate audit_blocks cascade']) {
        const error = await client.rawQuery(sql).catch((e) => e)
        assert.equal(error.code, code, sql)
      }
    }
  })
})

test.group('auditContext / auditActor', () => {
  test('take the client IP and request id from the request', async ({ assert }) => {
    const ctx = await httpContext({ 'x-request-id': 'req-audit-1', 'x-forwarded-for': '198.51.100.4' })
    assert.deepEqual(auditContext(ctx), { ip: '198.51.100.4', requestId: 'req-audit-1' })
    assert.deepEqual(auditActor(ctx), { type: 'anonymous' })
  })

  test('name the customer authenticated by the API guard', async ({ assert }) => {
    const customer = await CustomerFactory.apply('verified').create()
    const token = await Customer.accessTokens.create(customer)
    const ctx = await httpContext({ authorization: `Bearer ${token.value!.release()}` })
    await ctx.auth.use('api').authenticate()
    assert.deepEqual(auditActor(ctx), { type: 'customer', id: customer.id })
  })
})
