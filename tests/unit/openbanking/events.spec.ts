import { test } from '@japa/runner'
import {
  CONSENT_REVOKED,
  PAYMENT_STATUS_CHANGED,
  TRANSFER_RECEIVED,
  callbackUrlProblem,
  consentSubject,
  eventTypesFor,
  eventTypesProblem,
  outcomeOf,
  securityEventClaims,
} from '#domain/openbanking/events'

test.group('Partner events (domain)', () => {
  test('a callback is https, or http to the loopback interface when allowed', ({ assert }) => {
    const dev = { allowLoopbackHttp: true }
    const prod = { allowLoopbackHttp: false }
    for (const ok of ['https://tpp.example/events', 'https://tpp.example:8443/a?b=c', 'http://127.0.0.1:9000/e', 'http://localhost/e', 'http://[::1]:80/e']) {
      assert.isNull(callbackUrlProblem(ok, dev), ok)
    }
    assert.isNull(callbackUrlProblem('https://tpp.example/events', prod))
    assert.match(callbackUrlProblem('http://127.0.0.1:9000/e', prod)!, /https/)
    assert.match(callbackUrlProblem('http://tpp.example/e', dev)!, /loopback/)
    assert.match(callbackUrlProblem('http://127.0.0.2/e', dev)!, /https/)
    assert.match(callbackUrlProblem('ftp://tpp.example/e', dev)!, /https/)
    assert.match(callbackUrlProblem('https://u:p@tpp.example/e', dev)!, /user name/)
    assert.match(callbackUrlProblem('https://tpp.example/e#x', dev)!, /fragment/)
    assert.match(callbackUrlProblem('/relative', dev)!, /absolute/)
    assert.match(callbackUrlProblem(`https://tpp.example/${'a'.repeat(2000)}`, dev)!, /2000/)
  })

  test('event types by scope: payments for payment events, accounts for transfers, either for consents', ({ assert }) => {
    assert.deepEqual(eventTypesFor(['accounts']), [CONSENT_REVOKED, TRANSFER_RECEIVED])
    assert.deepEqual(eventTypesFor(['payments']), [PAYMENT_STATUS_CHANGED, CONSENT_REVOKED])
    assert.deepEqual(eventTypesFor(['accounts', 'payments']), [PAYMENT_STATUS_CHANGED, CONSENT_REVOKED, TRANSFER_RECEIVED])
    assert.deepEqual(eventTypesFor([]), [])
    assert.isNull(eventTypesProblem([CONSENT_REVOKED], ['payments']))
    assert.match(eventTypesProblem([TRANSFER_RECEIVED, CONSENT_REVOKED], ['payments'])!, /transfer-received$/)
  })

  test('the SET claims (RFC 8417): issuer, audience, seconds, sub_id, one event', ({ assert }) => {
    const claims = securityEventClaims({
      issuer: 'https://bank.example/oauth',
      clientId: 'client-1',
      jti: '00000000-0000-4000-8000-000000000001',
      type: CONSENT_REVOKED,
      subject: consentSubject('account_access', 'aac-1'),
      data: { ConsentId: 'aac-1', Status: 'CANC' },
      issuedAt: new Date('2026-01-01T00:00:10.900Z'),
      occurredAt: new Date('2026-01-01T00:00:05Z'),
    })
    assert.deepEqual(claims, {
      iss: 'https://bank.example/oauth',
      aud: 'client-1',
      iat: 1767225610,
      jti: '00000000-0000-4000-8000-000000000001',
      toe: 1767225605,
      sub_id: { format: 'opaque', id: 'aac-1' },
      events: { [CONSENT_REVOKED]: { ConsentId: 'aac-1', Status: 'CANC' } },
    })
    assert.deepEqual(consentSubject('domestic_payment', 'pdc-1'), { type: 'domestic-payment-consent', id: 'pdc-1' })
  })

  test('a push outcome from the status: 2xx delivered, 5xx and 429 retried, the rest rejected', ({ assert }) => {
    assert.equal(outcomeOf(202), 'delivered')
    assert.equal(outcomeOf(200), 'delivered')
    assert.equal(outcomeOf(500), 'failed')
    assert.equal(outcomeOf(503), 'failed')
    assert.equal(outcomeOf(429), 'failed')
    assert.equal(outcomeOf(400), 'rejected')
    assert.equal(outcomeOf(401), 'rejected')
    assert.equal(outcomeOf(302), 'rejected')
  })
})
