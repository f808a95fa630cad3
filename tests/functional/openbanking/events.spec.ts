import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import queueConfig, { QUEUES } from '#config/queue'
import openbankingConfig from '#config/openbanking'
import PublishPartnerEvent from '#actions/openbanking/publish_partner_event'
import DeliverPartnerEvent from '#actions/openbanking/deliver_partner_event'
import AnnouncePosting from '#actions/ledger/announce_posting'
import PostDeposit from '#actions/ledger/post_deposit'
import OpenBankingConsent from '#models/open_banking_consent'
import DecideConsent from '#actions/openbanking/decide_consent'
import { NO_REQUEST } from '#domain/audit/actor'
import EventDeliveryLogQuery from '#queries/openbanking/event_delivery_log_query'
import jobQueue from '#services/queue/job_queue'
import { outboundStates, resetOutboundBreakers } from '#services/outbound/circuit_breakers'
import { Money } from '#domain/money/money'
import { idempotencyScope } from '#domain/ledger/request_hash'
import {
  CONSENT_REVOKED,
  EVENT_TYPES,
  consentSubject,
  PAYMENT_STATUS_CHANGED,
  TRANSFER_RECEIVED,
  type PartnerEventType,
} from '#domain/openbanking/events'
import EventDeliveryFailedException from '#exceptions/event_delivery_failed_exception'
import { createApiCustomer } from '#tests/helpers/api'
import { key, openAccount, teller } from '#tests/helpers/ledger'
import {
  authoriseInBrowser,
  baseUrl,
  clientToken,
  createAccountConsent,
  createTestPartner,
  exchangeCode,
  partnerFetch,
  pushAuthorization,
  type TestPartner,
} from '#tests/helpers/openbanking'
import { eventually, startWorker, type WorkerProcess } from '#tests/helpers/queue_worker'
import { startSetReceiver, withEnv, type SetReceiver } from '#tests/functional/openbanking/set_receiver'

const SUBSCRIPTIONS = '/api/v1/event-subscriptions'
const QUEUE = 'openbanking.deliver_event'

function subscribe(p: TestPartner, token: string, data: Record<string, unknown>) {
  return partnerFetch(p, token, SUBSCRIPTIONS, 'POST', { Data: { Version: '1.0', ...data } })
}

function poll(p: TestPartner, token: string, body: Record<string, unknown>) {
  return partnerFetch(p, token, '/api/v1/events', 'POST', body)
}

/** Publishes one event the way a producer does: in its own (committed) transaction */
async function publish(partnerId: number, type: PartnerEventType = CONSENT_REVOKED, subjectId = `aac-${crypto.randomUUID()}`) {
  const publisher = await app.container.make(PublishPartnerEvent)
  return db.transaction((trx) =>
    publisher.handle({
      trx,
      partnerId,
      type,
      subject: { type: 'account-access-consent', id: subjectId },
      data: { ConsentId: subjectId, Status: 'CANC' },
    })
  )
}

async function eventRow(jti: string) {
  return db.from('openbanking_events').where('jti', jti).firstOrFail()
}

async function deliveriesOf(jti: string) {
  const event = await eventRow(jti)
  return db.from('openbanking_event_deliveries').where('event_id', event.id).orderBy('id')
}

/** The delivery jobs the publish enqueued for an event */
async function jobsOf(jti: string) {
  const event = await eventRow(jti)
  return db.from(`${queueConfig.schema}.job`).where('name', QUEUE).whereRaw(`(data->>'eventId')::bigint = ?`, [event.id])
}

/** Runs the event's delivery job in this process (as the worker would); resolves to its result or the error */
async function deliver(jti: string, retryCount = 0) {
  const [job] = await jobsOf(jti)
  const action = await app.container.make(DeliverPartnerEvent)
  return action.handle(job.data, { retryCount }).catch((error: Error) => error)
}

test.group('Open banking / event subscriptions', () => {
  test('a partner creates, lists, reads, changes and deletes its subscriptions (UK OB v4 shape)', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)

    const created = await subscribe(partner, token, {
      CallbackUrl: 'https://partner.example/events',
      EventTypes: [CONSENT_REVOKED, TRANSFER_RECEIVED],
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const id = created.body.Data.EventSubscriptionId
    assert.match(id, /^evs-[0-9a-f-]{36}$/)
    assert.deepEqual(created.body.Data, {
      EventSubscriptionId: id,
      CallbackUrl: 'https://partner.example/events',
      Version: '1.0',
      EventTypes: [CONSENT_REVOKED, TRANSFER_RECEIVED],
    })
    assert.equal(created.body.Links.Self, `/api/v1/event-subscriptions/${id}`)
    assert.deepEqual(created.body.Meta, {})

    /* no EventTypes: every type the token's scopes cover; no CallbackUrl: polling only */
    const polling = await subscribe(partner, token, {})
    assert.equal(polling.status, 201)
    assert.isNull(polling.body.Data.CallbackUrl)
    assert.deepEqual(polling.body.Data.EventTypes, [CONSENT_REVOKED, TRANSFER_RECEIVED])
    const both = await subscribe(partner, await clientToken(partner, 'accounts payments'), { CallbackUrl: 'https://partner.example/all' })
    assert.deepEqual(both.body.Data.EventTypes, [...EVENT_TYPES])

    const list = await partnerFetch(partner, token, SUBSCRIPTIONS)
    assert.equal(list.status, 200)
    assert.deepEqual(
      list.body.Data.EventSubscription.map((s: any) => s.EventSubscriptionId),
      [id, polling.body.Data.EventSubscriptionId, both.body.Data.EventSubscriptionId]
    )
    assert.equal((await partnerFetch(partner, token, `${SUBSCRIPTIONS}/${id}`)).body.Data.EventSubscriptionId, id)

    const changed = await partnerFetch(partner, token, `${SUBSCRIPTIONS}/${id}`, 'PATCH', {
      Data: { CallbackUrl: 'https://partner.example/v2/events', EventTypes: [TRANSFER_RECEIVED] },
    })
    assert.equal(changed.status, 200, JSON.stringify(changed.body))
    assert.deepEqual(changed.body.Data, {
      EventSubscriptionId: id,
      CallbackUrl: 'https://partner.example/v2/events',
      Version: '1.0',
      EventTypes: [TRANSFER_RECEIVED],
    })

    const audit = await db
      .from('audit_events')
      .where('subject_id', id)
      .orderBy('id')
      .select('action', 'actor_type', 'actor_id')
    assert.deepEqual(audit, [
      { action: 'openbanking.event_subscription.created', actor_type: 'partner', actor_id: String(partner.partner.id) },
      { action: 'openbanking.event_subscription.updated', actor_type: 'partner', actor_id: String(partner.partner.id) },
    ])

    assert.equal((await partnerFetch(partner, token, `${SUBSCRIPTIONS}/${id}`, 'DELETE')).status, 204)
    const gone = await partnerFetch(partner, token, `${SUBSCRIPTIONS}/${id}`)
    assert.equal(gone.status, 404)
    assert.equal(gone.body.code, 'E_EVENT_SUBSCRIPTION_NOT_FOUND')
    assert.equal((await partnerFetch(partner, token, `${SUBSCRIPTIONS}/${id}`, 'DELETE')).status, 404)
  })

  test('one subscription per callback URL (and one without): 409; another partner cannot see or touch it', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const first = await subscribe(partner, token, { CallbackUrl: 'https://partner.example/hook' })
    assert.equal(first.status, 201)
    const again = await subscribe(partner, token, { CallbackUrl: 'https://partner.example/hook' })
    assert.equal(again.status, 409)
    assert.equal(again.body.code, 'E_EVENT_SUBSCRIPTION_EXISTS')
    assert.match(again.headers.get('content-type')!, /application\/problem\+json/)
    assert.equal((await subscribe(partner, token, {})).status, 201)
    assert.equal((await subscribe(partner, token, {})).status, 409)

    /* moving a subscription onto another one's callback is the same conflict */
    const second = await subscribe(partner, token, { CallbackUrl: 'https://partner.example/other' })
    const clash = await partnerFetch(partner, token, `${SUBSCRIPTIONS}/${second.body.Data.EventSubscriptionId}`, 'PATCH', {
      Data: { CallbackUrl: 'https://partner.example/hook' },
    })
    assert.equal(clash.status, 409)

    const other = await createTestPartner()
    const otherToken = await clientToken(other)
    const id = first.body.Data.EventSubscriptionId
    assert.equal((await partnerFetch(other, otherToken, `${SUBSCRIPTIONS}/${id}`)).status, 404)
    assert.equal((await partnerFetch(other, otherToken, `${SUBSCRIPTIONS}/${id}`, 'DELETE')).status, 404)
    assert.equal(
      (await partnerFetch(other, otherToken, `${SUBSCRIPTIONS}/${id}`, 'PATCH', { Data: { EventTypes: [CONSENT_REVOKED] } })).status,
      404
    )
    assert.deepEqual((await partnerFetch(other, otherToken, SUBSCRIPTIONS)).body.Data.EventSubscription, [])
    /* the same URL for another partner is fine */
    assert.equal((await subscribe(other, otherToken, { CallbackUrl: 'https://partner.example/hook' })).status, 201)
  })

  test('refuses bad input with 422 problem+json naming the field', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ CallbackUrl: 'http://partner.example/events' }, 'Data.CallbackUrl'],
      [{ CallbackUrl: 'ftp://partner.example/events' }, 'Data.CallbackUrl'],
      [{ CallbackUrl: 'https://user:secret@partner.example/events' }, 'Data.CallbackUrl'],
      [{ CallbackUrl: 'https://partner.example/events#frag' }, 'Data.CallbackUrl'],
      [{ CallbackUrl: 'events' }, 'Data.CallbackUrl'],
      [{ EventTypes: ['urn:strongroom:events:unknown'] }, 'Data.EventTypes.0'],
      [{ EventTypes: [] }, 'Data.EventTypes'],
      [{ EventTypes: [CONSENT_REVOKED, CONSENT_REVOKED] }, 'Data.EventTypes'],
      [{ Version: '9.9' }, 'Data.Version'],
      /* an accounts token cannot subscribe to payment events */
      [{ EventTypes: [PAYMENT_STATUS_CHANGED] }, 'Data.EventTypes'],
    ]
    for (const [data, field] of cases) {
      const response = await subscribe(partner, token, data)
      assert.equal(response.status, 422, JSON.stringify(data))
      assert.match(response.headers.get('content-type')!, /application\/problem\+json/)
      assert.equal(response.body.code, 'E_VALIDATION_ERROR')
      assert.include(response.body.errors.map((e: any) => e.field), field, JSON.stringify(response.body.errors))
    }
    const noData = await partnerFetch(partner, token, SUBSCRIPTIONS, 'POST', {})
    assert.equal(noData.status, 422)
    /* http to the loopback interface is allowed outside production (a partner's local receiver) */
    assert.equal((await subscribe(partner, token, { CallbackUrl: 'http://127.0.0.1:9/events' })).status, 201)
    assert.equal((await partnerFetch(partner, token, `${SUBSCRIPTIONS}/not-an-id`)).status, 404)
    const badPoll = await poll(partner, token, { maxEvents: 500, ack: ['nope'] })
    assert.equal(badPoll.status, 422)
    assert.includeMembers(badPoll.body.errors.map((e: any) => e.field), ['maxEvents', 'ack.0'])
  })

  test('either scope will do: a payments-only partner subscribes to payment events, not to transfers', async ({ assert }) => {
    const partner = await createTestPartner({ scopes: ['payments'] })
    const token = await clientToken(partner, 'payments')
    const created = await subscribe(partner, token, { CallbackUrl: 'https://pay.example/events' })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    assert.deepEqual(created.body.Data.EventTypes, [PAYMENT_STATUS_CHANGED, CONSENT_REVOKED])
    const refused = await subscribe(partner, token, { CallbackUrl: 'https://pay.example/t', EventTypes: [TRANSFER_RECEIVED] })
    assert.equal(refused.status, 422)
    assert.match(refused.body.errors[0].message, /transfer-received/)
  })

  test('needs a partner token: none or a customer bearer token is refused with 401 problem+json', async ({ assert }) => {
    const anonymous = await fetch(new URL(SUBSCRIPTIONS, baseUrl()), { headers: { accept: 'application/json' } })
    assert.equal(anonymous.status, 401)
    assert.match(anonymous.headers.get('content-type')!, /application\/problem\+json/)
    const bearer = await fetch(new URL('/api/v1/events', baseUrl()), {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: '{}',
    })
    assert.equal(bearer.status, 401)
  })
})

test.group('Open banking / event delivery (RFC 8935 push)', (group) => {
  let receivers: SetReceiver[] = []
  let restoreEnv: (() => void) | undefined
  group.each.setup(() => {
    resetOutboundBreakers()
    return async () => {
      restoreEnv?.()
      restoreEnv = undefined
      resetOutboundBreakers()
      await Promise.all(receivers.map((r) => r.close()))
      receivers = []
    }
  })

  async function receiver(audience: string, options: Parameters<typeof startSetReceiver>[1] = {}) {
    const started = await startSetReceiver(audience, options)
    receivers.push(started)
    return started
  }

  test('pushes a SET signed with the authorization server key, verifiable against /oauth/jwks; logs it; acknowledges it', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const endpoint = await receiver(partner.partner.clientId)
    const subscription = await subscribe(partner, token, { CallbackUrl: endpoint.url, EventTypes: [CONSENT_REVOKED] })
    assert.equal(subscription.status, 201)

    const consentId = `aac-${crypto.randomUUID()}`
    const jti = await publish(partner.partner.id, CONSENT_REVOKED, consentId)
    assert.isString(jti)
    assert.lengthOf(await jobsOf(jti!), 1, 'one job per subscription with a callback, in the outbox')

    const result = await deliver(jti!)
    assert.deepEqual(result, { delivered: true, status: 202 })
    assert.lengthOf(endpoint.state.received, 1)
    const [received] = endpoint.state.received
    assert.equal(received.contentType, 'application/secevent+jwt')
    assert.isNull(received.error, received.error ?? '')

    const jwks = (await (await fetch(new URL('/oauth/jwks', baseUrl()))).json()) as { keys: Array<{ kid: string; alg: string; crv: string; d?: string }> }
    assert.include(jwks.keys.map((k) => k.kid), received.kid!)
    assert.isTrue(jwks.keys.every((k) => k.d === undefined), 'no private key material published')
    const claims = received.claims!
    assert.equal(claims.iss, openbankingConfig.issuer)
    assert.equal(claims.aud, partner.partner.clientId)
    assert.equal(claims.jti, jti)
    assert.isNumber(claims.iat)
    assert.isNumber(claims.toe)
    assert.deepEqual(claims.sub_id, { format: 'opaque', id: consentId })
    assert.deepEqual(claims.events, { [CONSENT_REVOKED]: { ConsentId: consentId, Status: 'CANC' } })

    const [logged] = await deliveriesOf(jti!)
    assert.include(logged, { outcome: 'delivered', status_code: 202, attempt: 1, error: null, callback_url: endpoint.url })
    assert.isAtLeast(logged.duration_ms, 0)
    const event = await eventRow(jti!)
    assert.equal(event.acknowledged_by, 'push')

    /* a re-delivered job sends nothing twice */
    assert.deepEqual(await deliver(jti!), { delivered: false, reason: 'already_delivered' })
    assert.lengthOf(endpoint.state.received, 1)

    /* the staff's delivery log */
    const log = await new EventDeliveryLogQuery().forPartner(partner.partner.id)
    assert.lengthOf(log.data, 1)
    assert.include(log.data[0], { eventJti: jti, eventType: CONSENT_REVOKED, outcome: 'delivered', statusCode: 202, attempt: 1 })
    const summary = await new EventDeliveryLogQuery().summary(partner.partner.id)
    assert.equal(summary.lastDay.delivered, 1)
    assert.equal(summary.unacknowledgedEvents, 0)
    assert.lengthOf(summary.subscriptions, 1)
  })

  test('publishes only to subscribers of the type, once per dedupe key, and nothing inside a rolled-back transaction', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    assert.isNull(await publish(partner.partner.id), 'no subscription: nothing stored')
    await subscribe(partner, token, { CallbackUrl: 'https://partner.example/a', EventTypes: [TRANSFER_RECEIVED] })
    assert.isNull(await publish(partner.partner.id, CONSENT_REVOKED), 'not subscribed to this type')
    const pushed = await subscribe(partner, token, { CallbackUrl: 'https://partner.example/b', EventTypes: [CONSENT_REVOKED] })
    await subscribe(partner, token, { EventTypes: [CONSENT_REVOKED] })
    const jobsForSubscription = async () =>
      Number(
        (
          await db
            .from(`${queueConfig.schema}.job`)
            .where('name', QUEUE)
            .whereRaw(`data->>'subscriptionId' = ?`, [pushed.body.Data.EventSubscriptionId])
            .count('* as n')
        )[0].n
      )

    const subjectId = `aac-${crypto.randomUUID()}`
    const jti = await publish(partner.partner.id, CONSENT_REVOKED, subjectId)
    assert.isString(jti)
    assert.lengthOf(await jobsOf(jti!), 1, 'the polling subscription gets no push job')
    assert.isNull(await publish(partner.partner.id, CONSENT_REVOKED, subjectId), 'the same occurrence twice')

    const publisher = await app.container.make(PublishPartnerEvent)
    const rolledBack = `aac-${crypto.randomUUID()}`
    await db
      .transaction(async (trx) => {
        await publisher.handle({ trx, partnerId: partner.partner.id, type: CONSENT_REVOKED, subject: { type: 'account-access-consent', id: rolledBack }, data: {} })
        throw new Error('the change fails')
      })
      .catch(() => {})
    assert.isNull(await db.from('openbanking_events').where('subject_id', rolledBack).first())
    assert.equal(await jobsForSubscription(), 1, 'the rolled-back publish left no job')
  })

  test('consent-revoked: the call RevokeConsent makes in its transaction publishes the consent, its status and reason', async ({ assert }) => {
    const partner = await createTestPartner()
    await subscribe(partner, await clientToken(partner), { EventTypes: [CONSENT_REVOKED] })
    const consentId = await createAccountConsent(partner, { Permissions: ['ReadAccountsBasic'] })
    const input = { reason: 'Deleted by the partner' }
    await db.transaction(async (trx) => {
      const consent = await OpenBankingConsent.query({ client: trx }).where('id', consentId).forUpdate().firstOrFail()
      /* the line for RevokeConsent, after the status change is saved: */
      await new PublishPartnerEvent().handle({ trx, partnerId: consent.partnerId, type: CONSENT_REVOKED, subject: consentSubject(consent.kind, consent.id), data: { ConsentId: consent.id, Status: 'CANC', StatusReason: input.reason } })
    })
    const event = await db.from('openbanking_events').where({ partner_id: partner.partner.id, subject_id: consentId }).firstOrFail()
    assert.equal(event.subject_type, 'account-access-consent')
    assert.deepEqual(event.claims.events, { [CONSENT_REVOKED]: { ConsentId: consentId, Status: 'CANC', StatusReason: 'Deleted by the partner' } })
    assert.deepEqual(event.claims.sub_id, { format: 'opaque', id: consentId })
  })

  test('a receiver answering 4xx rejected the SET: logged with its error, not retried, left for polling', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const endpoint = await receiver(partner.partner.clientId, {
      fallback: 400,
      body: JSON.stringify({ err: 'invalid_key', description: 'unknown kid' }),
    })
    await subscribe(partner, token, { CallbackUrl: endpoint.url })
    const jti = await publish(partner.partner.id)
    assert.deepEqual(await deliver(jti!), { delivered: false, reason: 'rejected' })
    const [logged] = await deliveriesOf(jti!)
    assert.include(logged, { outcome: 'rejected', status_code: 400, error: 'HTTP 400: invalid_key: unknown kid' })
    assert.equal(outboundStates().find((s) => s.destination === endpoint.destination)?.failures, 0, 'not a breaker failure')
    const polled = await poll(partner, token, { returnImmediately: true })
    assert.deepEqual(Object.keys(polled.body.sets), [jti])
  })

  test('a callback on a private address (SSRF) is refused without a request: logged as rejected, not retried', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    await subscribe(partner, token, { CallbackUrl: 'https://10.255.255.1/events' })
    const jti = await publish(partner.partner.id)
    assert.deepEqual(await deliver(jti!), { delivered: false, reason: 'rejected' })
    const [logged] = await deliveriesOf(jti!)
    assert.equal(logged.outcome, 'rejected')
    assert.match(logged.error, /non-public address \(10\.255\.255\.1\)/)
  })

  test('the circuit of a failing callback opens after N failures: the next attempt is refused without a request', async ({ assert }) => {
    restoreEnv = withEnv({ OUTBOUND_BREAKER_FAILURES: 2, OUTBOUND_BREAKER_HALF_OPEN_MS: 60_000, OUTBOUND_TIMEOUT_MS: 2_000 })
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const endpoint = await receiver(partner.partner.clientId, { fallback: 503 })
    await subscribe(partner, token, { CallbackUrl: endpoint.url })
    const first = (await publish(partner.partner.id))!
    const second = (await publish(partner.partner.id))!

    const attempt1 = await deliver(first)
    assert.instanceOf(attempt1, EventDeliveryFailedException)
    assert.equal(outboundStates().find((s) => s.destination === endpoint.destination)?.state, 'closed')
    const attempt2 = await deliver(first, 1)
    assert.instanceOf(attempt2, EventDeliveryFailedException)
    assert.equal(endpoint.state.requests, 2)
    const opened = outboundStates().find((s) => s.destination === endpoint.destination)!
    assert.equal(opened.state, 'open')

    const started = performance.now()
    const refused = await deliver(second)
    assert.instanceOf(refused, EventDeliveryFailedException)
    assert.isBelow(performance.now() - started, 500)
    assert.equal(endpoint.state.requests, 2, 'an open circuit sends nothing')

    const rows = [...(await deliveriesOf(first)), ...(await deliveriesOf(second))]
    assert.deepEqual(
      rows.map((r) => [r.attempt, r.outcome, r.status_code]),
      [
        [1, 'failed', 503],
        [2, 'failed', 503],
        [1, 'unavailable', null],
      ]
    )
    assert.match(rows[2].error, /circuit open/)
    const failed = await new EventDeliveryLogQuery().forPartner(partner.partner.id, { outcome: 'failed', limit: 1 })
    assert.lengthOf(failed.data, 1)
    assert.isNotNull(failed.nextBeforeId)
  })

  test('a callback that never answers is cut off after OUTBOUND_TIMEOUT_MS and retried', async ({ assert }) => {
    restoreEnv = withEnv({ OUTBOUND_TIMEOUT_MS: 300, OUTBOUND_BREAKER_FAILURES: 5 })
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const endpoint = await receiver(partner.partner.clientId, { fallback: 'hang' })
    await subscribe(partner, token, { CallbackUrl: endpoint.url })
    const jti = (await publish(partner.partner.id))!
    const started = performance.now()
    assert.instanceOf(await deliver(jti), EventDeliveryFailedException)
    assert.isBelow(performance.now() - started, 2_000)
    const [logged] = await deliveriesOf(jti)
    assert.equal(logged.outcome, 'failed')
    assert.match(logged.error, /did not answer within 300 ms/)
  })
})

test.group('Open banking / event delivery through the worker (retries)', (group) => {
  let worker: WorkerProcess | undefined
  let endpoint: SetReceiver | undefined
  group.each.teardown(async () => {
    await worker?.kill()
    worker = undefined
    await endpoint?.close()
    endpoint = undefined
    const { policy } = QUEUES[QUEUE]
    await (await jobQueue.boss()).updateQueue(QUEUE, {
      retryBackoff: true,
      retryDelay: policy.retryDelay,
      retryDelayMax: policy.retryDelayMax,
    })
  })

  test('a receiver failing twice (500) gets the SET on the third attempt, with exponential backoff between', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    endpoint = await startSetReceiver(partner.partner.clientId, { statuses: [500, 500], fallback: 202 })
    await subscribe(partner, token, { CallbackUrl: endpoint.url })

    /* earlier tests' jobs would be worked first (their receivers are gone) */
    await db.rawQuery(`delete from ${queueConfig.schema}.job where name = ? and state in ('created', 'retry', 'active')`, [QUEUE])
    worker = await startWorker([`--queues=${QUEUE}`], { QUEUE_POLL_SECONDS: '0.5', OUTBOUND_BREAKER_FAILURES: '10' })
    /* after the worker applied config/queue.ts: short delays for this test (a job takes its queue's policy when created) */
    await (await jobQueue.boss()).updateQueue(QUEUE, { retryBackoff: true, retryDelay: 1, retryDelayMax: 2 })

    const jti = (await publish(partner.partner.id))!
    await eventually(async () => (await deliveriesOf(jti)).some((row) => row.outcome === 'delivered'), 60, 'the third attempt delivered')

    const rows = await deliveriesOf(jti)
    assert.deepEqual(
      rows.map((r) => [r.attempt, r.outcome, r.status_code]),
      [
        [1, 'failed', 500],
        [2, 'failed', 500],
        [3, 'delivered', 202],
      ]
    )
    const gaps = rows.slice(1).map((row, i) => row.attempted_at.getTime() - rows[i].attempted_at.getTime())
    assert.isTrue(gaps.every((gap) => gap >= 900), `retried after a delay: ${gaps}`)
    assert.equal(endpoint.state.requests, 3)
    assert.deepEqual([...new Set(endpoint.state.received.map((r) => r.claims?.jti))], [jti], 'the same SET each time')
    assert.equal(new Set(endpoint.state.received.map((r) => r.token)).size, 1)
    await eventually(async () => (await jobsOf(jti))[0]?.state === 'completed', 10, 'the job completed')
    assert.equal((await eventRow(jti)).acknowledged_by, 'push')
  }).timeout(120_000)
})

test.group('Open banking / polling (RFC 8936)', () => {
  test('returns unacknowledged SETs oldest first, maxEvents at a time; ack marks them; other partners are not touched', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    await subscribe(partner, token, {})
    const jtis = [(await publish(partner.partner.id))!, (await publish(partner.partner.id))!, (await publish(partner.partner.id))!]

    const first = await poll(partner, token, { maxEvents: 2, returnImmediately: true })
    assert.equal(first.status, 200, JSON.stringify(first.body))
    assert.deepEqual(Object.keys(first.body.sets), jtis.slice(0, 2))
    assert.isTrue(first.body.moreAvailable)
    const jwks = createRemoteJWKSet(new URL('/oauth/jwks', baseUrl()))
    for (const [jti, set] of Object.entries(first.body.sets)) {
      const { payload, protectedHeader } = await jwtVerify(set as string, jwks, {
        typ: 'secevent+jwt',
        issuer: openbankingConfig.issuer,
        audience: partner.partner.clientId,
      })
      assert.equal(payload.jti, jti)
      assert.equal(protectedHeader.alg, 'EdDSA')
    }

    /* another partner acknowledging these jtis changes nothing */
    const other = await createTestPartner()
    const otherToken = await clientToken(other)
    const foreign = await poll(other, otherToken, { ack: jtis, returnImmediately: true })
    assert.deepEqual(foreign.body, { sets: {}, moreAvailable: false })

    const second = await poll(partner, token, { ack: jtis.slice(0, 2), maxEvents: 2, returnImmediately: true })
    assert.deepEqual(Object.keys(second.body.sets), [jtis[2]])
    assert.isFalse(second.body.moreAvailable)

    const ackOnly = await poll(partner, token, {
      setErrs: { [jtis[2]]: { err: 'invalid_issuer', description: 'not expected' } },
      maxEvents: 0,
    })
    assert.deepEqual(ackOnly.body, { sets: {}, moreAvailable: false })
    const last = await eventRow(jtis[2])
    assert.equal(last.acknowledged_by, 'poll')
    assert.deepEqual(last.receiver_error, { err: 'invalid_issuer', description: 'not expected' })
    assert.deepEqual((await poll(partner, token, { returnImmediately: true })).body, { sets: {}, moreAvailable: false })
  })

  test('an event acknowledged by polling is not pushed any more', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    const endpoint = await startSetReceiver(partner.partner.clientId)
    try {
      await subscribe(partner, token, { CallbackUrl: endpoint.url })
      const jti = (await publish(partner.partner.id))!
      await poll(partner, token, { ack: [jti], maxEvents: 0 })
      assert.deepEqual(await deliver(jti), { delivered: false, reason: 'acknowledged' })
      assert.equal(endpoint.state.requests, 0)
    } finally {
      await endpoint.close()
    }
  })

  test('a long poll (returnImmediately false) answers as soon as an event arrives', async ({ assert }) => {
    const partner = await createTestPartner()
    const token = await clientToken(partner)
    await subscribe(partner, token, {})
    const started = performance.now()
    const pending = poll(partner, token, {})
    await new Promise((resolve) => setTimeout(resolve, 700))
    const jti = await publish(partner.partner.id)
    const response = await pending
    const elapsed = performance.now() - started
    assert.deepEqual(Object.keys(response.body.sets), [jti])
    assert.isAtLeast(elapsed, 700)
    assert.isBelow(elapsed, 5_000)
  }).timeout(20_000)
})

test.group('Open banking / transfer-received (ledger.posted)', () => {
  test('money arriving in a shared account is announced to partners whose consent sees credits, once', async ({ assert }) => {
    const customer = await createApiCustomer()
    const shared = await openAccount(customer.id)
    const notShared = await openAccount(customer.id)

    /* partner A: transactions with credits, authorised on the consent page */
    const partnerA = await createTestPartner()
    const consentA = await createAccountConsent(partnerA, {
      Permissions: ['ReadAccountsBasic', 'ReadTransactionsBasic', 'ReadTransactionsCredits'],
    })
    const par = await pushAuthorization(partnerA, consentA)
    const callback = await authoriseInBrowser(par.url, customer, { approve: true, accountIds: [shared.id] })
    const tokens = await exchangeCode(partnerA, callback, par)
    await subscribe(partnerA, await clientToken(partnerA), {})
    /* subscriptions are the partner's own business: a token the customer authorised is refused */
    const customerToken = await partnerFetch(partnerA, tokens.access_token, SUBSCRIPTIONS)
    assert.equal(customerToken.status, 403)
    assert.equal(customerToken.body.code, 'E_PARTNER_TOKEN_NOT_ALLOWED')

    /* partner B: balances only, on the same account (decided directly: the customer's TOTP code was just used) */
    const partnerB = await createTestPartner()
    const consentB = await createAccountConsent(partnerB, { Permissions: ['ReadAccountsBasic', 'ReadBalances'] })
    await (await app.container.make(DecideConsent)).handle({
      consentId: consentB,
      customerId: customer.id,
      clientId: partnerB.partner.clientId,
      decision: 'approve',
      accountIds: [shared.id],
      context: NO_REQUEST,
    })
    await subscribe(partnerB, await clientToken(partnerB), {})

    const deposit = await app.container.make(PostDeposit)
    const announce = await app.container.make(AnnouncePosting)
    const scope = idempotencyScope(teller)
    const sharedKey = key()
    const otherKey = key()
    const { transaction } = await deposit.handle({
      accountId: shared.id,
      amount: Money.fromDecimal('42.50', 'GBP'),
      idempotencyKey: sharedKey,
      actor: teller,
    })
    await deposit.handle({ accountId: notShared.id, amount: Money.fromDecimal('7.00', 'GBP'), idempotencyKey: otherKey, actor: teller })
    await announce.handle({ scope, key: sharedKey })
    await announce.handle({ scope, key: sharedKey })
    await announce.handle({ scope, key: otherKey })

    const polled = await poll(partnerA, await clientToken(partnerA), { returnImmediately: true })
    const sets = Object.values(polled.body.sets) as string[]
    assert.lengthOf(sets, 1, 'once, and nothing for the account not shared')
    const { payload } = await jwtVerify(sets[0], createRemoteJWKSet(new URL('/oauth/jwks', baseUrl())), {
      typ: 'secevent+jwt',
      audience: partnerA.partner.clientId,
    })
    const event = (payload.events as any)[TRANSFER_RECEIVED]
    assert.include(event, { AccountId: String(shared.id), CreditDebitIndicator: 'Credit' })
    assert.deepEqual(event.Amount, { Amount: '42.50', Currency: 'GBP' })
    assert.equal(event.ConsentId, consentA)
    assert.equal(event.TransactionId, String(transaction.id))
    assert.deepEqual(payload.sub_id, { format: 'opaque', id: String(shared.id) })

    const forB = await poll(partnerB, await clientToken(partnerB), { returnImmediately: true })
    assert.deepEqual(forB.body.sets, {}, 'no ReadTransactionsCredits: not told')
  }).timeout(60_000)
})
