import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { startAppInstance, type AppInstance } from '#tests/helpers/app_instance'
import { createApiCustomer, tokenFor } from '#tests/helpers/api'
import { openAccount } from '#tests/helpers/ledger'
import { DateTime } from 'luxon'
import { addDays, addMonthsClamped } from '#domain/loans/loan_dates'
import { resetLoginThrottle, signedIn } from '#tests/helpers/backoffice'
import { disbursedLoan } from '#tests/helpers/loans'
import { metricValue, parseMetrics } from './metrics_text.js'

const PROMETHEUS_TEXT = /^text\/plain; version=0\.0\.4/
const TOKEN = `metrics-${randomUUID()}-${randomUUID()}`

/** A GET on a NEW connection each time (no keep-alive), so the cluster's kernel hands each to the next worker */
function freshGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, headers: { ...headers, connection: 'close' } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function scrape(client: any) {
  const response = await client.get('/metrics')
  response.assertStatus(200)
  return response.text() as string
}

test.group('Metrics: GET /metrics of this web process', () => {
  test('a transfer through the API counts as a posting and in the route\'s histogram; its replay counts as a replay, an overdraft as refused', async ({ client, assert }) => {
    const me = await createApiCustomer()
    const payee = await createApiCustomer()
    const from = await openAccount(me.id, { fund: '100.00' })
    const to = await openAccount(payee.id)
    const token = await tokenFor(me.id)
    const posted = { name: 'strongroom_ledger_postings_total', labels: { kind: 'transfer', outcome: 'posted' } }
    const replayed = { name: 'strongroom_ledger_postings_total', labels: { kind: 'transfer', outcome: 'replayed' } }
    const route = { method: 'POST', route: '/api/v1/transfers' }
    const read = (text: string, metric: { name: string; labels: Record<string, string> }) => metricValue(text, metric.name, metric.labels) ?? 0

    const before = await scrape(client)
    const key = randomUUID()
    const body = {
      debtorAccountId: String(from.id),
      creditor: { accountId: String(to.id) },
      amount: { amount: '12.50', currency: 'GBP' },
      reference: 'Metrics',
    }
    const first = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body)
    first.assertStatus(201)
    const again = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body)
    assert.equal(again.header('idempotent-replayed'), 'true')
    const overdraw = { ...body, amount: { amount: '150.00', currency: 'GBP' } }
    const refusal = await client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', randomUUID()).json(overdraw)
    refusal.assertStatus(422)
    assert.equal(refusal.body().code, 'E_INSUFFICIENT_FUNDS')
    const after = await scrape(client)

    assert.equal(read(after, posted) - read(before, posted), 1)
    assert.equal(read(after, replayed) - read(before, replayed), 1)
    const refused = { name: 'strongroom_ledger_postings_total', labels: { kind: 'transfer', outcome: 'refused' } }
    assert.equal(read(after, refused) - read(before, refused), 1)
    assert.equal(
      (metricValue(after, 'strongroom_idempotent_replays_total', { scope: 'api' }) ?? 0) -
        (metricValue(before, 'strongroom_idempotent_replays_total', { scope: 'api' }) ?? 0),
      1
    )
    const count = (text: string, labels: Record<string, string> = {}) =>
      metricValue(text, 'strongroom_http_request_duration_seconds_count', { ...route, ...labels }) ?? 0
    assert.equal(count(after) - count(before), 3, 'the three requests, under the route pattern')
    assert.equal(count(after, { status: '422' }) - count(before, { status: '422' }), 1)
    const created = [first, again].filter((response) => response.status() === 201).length
    assert.equal(count(after, { status: '201' }) - count(before, { status: '201' }), created)
    assert.isAbove(metricValue(after, 'strongroom_ledger_posting_duration_seconds_count', { kind: 'transfer' }) ?? 0, 0)
    /* the pattern, never the raw URL; the scrapes themselves are not counted */
    const routes = new Set(parseMetrics(after).filter((s) => s.name === 'strongroom_http_request_duration_seconds_count').map((s) => s.labels.route))
    assert.isFalse([...routes].some((r) => /\/\d+/.test(r)), `no raw ids in routes: ${[...routes].join(', ')}`)
    assert.notInclude([...routes], '/metrics')
  })

  test('a backoffice repayment form sent twice counts a loan_repayment posting and a backoffice replay', async ({ client, assert }) => {
    await resetLoginThrottle()
    const startDate = addDays(addMonthsClamped(DateTime.utc().toISODate()!, -1), -10)
    const { loan } = await disbursedLoan({ startDate, funds: '100.00' })
    const { agent } = await signedIn(client, 'teller')
    const page = await agent.get(`/backoffice/loans/${loan.id}`, { inertia: true })
    const form = { type: 'amount', amount: '20.00', idempotencyKey: page.inertiaProps.servicing.keys.repayment }
    const read = (text: string, name: string, labels: Record<string, string>) => metricValue(text, name, labels) ?? 0

    const before = await scrape(client)
    await agent.post(`/backoffice/loans/${loan.id}/repayments`, form)
    await agent.post(`/backoffice/loans/${loan.id}/repayments`, form)
    const after = await scrape(client)
    const delta = (name: string, labels: Record<string, string>) => read(after, name, labels) - read(before, name, labels)
    assert.equal(delta('strongroom_ledger_postings_total', { kind: 'loan_repayment', outcome: 'posted' }), 1)
    assert.equal(delta('strongroom_idempotent_replays_total', { scope: 'backoffice' }), 1)
  })

  test('is Prometheus text with the process label, default metrics, the pool and the breakers', async ({ client, assert }) => {
    const response = await client.get('/metrics')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', PROMETHEUS_TEXT)
    const text = response.text()
    const samples = parseMetrics(text)
    assert.isTrue(samples.every((s) => s.labels.process === 'web'), 'every sample has process="web"')
    assert.isDefined(metricValue(text, 'nodejs_eventloop_lag_seconds'))
    assert.isDefined(metricValue(text, 'process_resident_memory_bytes'))
    for (const state of ['used', 'free', 'pending']) {
      assert.isDefined(metricValue(text, 'strongroom_db_pool_connections', { state }), `pool ${state}`)
    }
    assert.include(text, '# TYPE strongroom_circuit_breaker_state gauge')
  })
})

test.group('Metrics: protection, and a web cluster (WEB_CONCURRENCY=2)', (group) => {
  let instance: AppInstance | undefined
  group.setup(async () => {
    /* loopback is NOT in the allow-list here: the token is the only way in */
    instance = await startAppInstance({ WEB_CONCURRENCY: '2', METRICS_ALLOWED_IPS: '10.0.0.0/8', METRICS_TOKEN: TOKEN, LOG_LEVEL: 'debug' })
    return () => instance?.stop()
  })

  test('refused without a token from an address outside the allow-list, and with a wrong token', async ({ assert }) => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` }, { authorization: `Basic ${TOKEN}` }]) {
      const response = await fetch(`${instance!.url}/metrics`, { headers })
      assert.equal(response.status, 403)
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/)
      const text = await response.text()
      assert.equal(JSON.parse(text).code, 'E_FORBIDDEN')
      assert.notInclude(text, 'strongroom_')
      assert.notInclude(text, TOKEN)
    }
  })

  test('served with the right token, counting the requests of every worker of the cluster', async ({ assert }) => {
    const REQUESTS = 12
    for (let i = 0; i < REQUESTS; i++) assert.equal((await freshGet(`${instance!.url}/health/ready`)).status, 200)
    /* the kernel hands connections to the workers in turn; each scrape must still see every request */
    for (let i = 0; i < 3; i++) {
      const response = await freshGet(`${instance!.url}/metrics`, { authorization: `Bearer ${TOKEN}` })
      assert.equal(response.status, 200)
      assert.match(response.contentType, PROMETHEUS_TEXT)
      const text = response.text
      assert.equal(
        metricValue(text, 'strongroom_http_request_duration_seconds_count', { route: '/health/ready', status: '200' }),
        REQUESTS
      )
      assert.notInclude(text, TOKEN)
    }
  })

  test('the token never appears in the logs', async ({ assert }) => {
    await fetch(`${instance!.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    await fetch(`${instance!.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}wrong` } })
    assert.include(instance!.output(), '/metrics', 'the requests were logged')
    assert.notInclude(instance!.output(), TOKEN)
  })
})
