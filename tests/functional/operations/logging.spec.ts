import { test } from '@japa/runner'
import { Writable } from 'node:stream'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { Logger } from '@adonisjs/core/logger'
import jobQueue from '#services/queue/job_queue'
import { formatOptions } from '#services/logging/log_format'
import { REDACTED, scrubSecrets } from '#services/logging/log_redaction'
import { createApiCustomer, otpFor } from '#tests/helpers/api'
import { createStaff } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'
import { startAppInstance } from '#tests/helpers/app_instance'
import { eventually, startWorker } from '#tests/helpers/queue_worker'

/**
 * Logs an ELK stack ingests as they are (Operations I): a real web
 * process (and a real queue worker) with LOG_FORMAT=ecs or json writes
 * only JSON lines on stdout, one "request completed" line per request
 * with its id, route pattern, actor, status and duration, and never a
 * password, one-time code, bearer token or session cookie.
 */

type Line = Record<string, any>

/** Every line the process wrote, parsed: a line that is not JSON fails the test */
function jsonLines(output: string, assert: { fail(message: string): never }): Line[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Line
      } catch {
        assert.fail(`not a JSON log line: ${line}`)
      }
    })
}

/** A signed-in customer and staff member, and the secrets their requests carried */
async function exerciseInstance(url: string, assert: any) {
  const customer = await createApiCustomer()
  const { staff, secret } = await createStaff({ role: 'teller', enrolled: true })
  const client = new ApiClient(url, assert)

  const otp = await otpFor(customer)
  const signIn = await client.post('/api/v1/auth/tokens').json({ email: customer.email, password: customer.password, otp })
  signIn.assertStatus(201)
  const bearer = signIn.body().data.token as string

  const notifications = await client.get('/api/v1/notifications').bearerToken(bearer)
  notifications.assertStatus(200)
  const missing = await client.get('/api/v1/transfers/999999999').bearerToken(bearer)
  missing.assertStatus(404)
  const withQuerySecret = await client.get('/backoffice/login?token=query-secret-0123456789&code=oauth-code-abcdef')

  const agent = new StaffAgent(client)
  await agent.signIn(staff.email, secret)
  const teller = await agent.get('/backoffice/teller')
  teller.assertStatus(200)
  const cookieValues = agent
    .credentials()
    .cookie.split('; ')
    .map((pair) => pair.slice(pair.indexOf('=') + 1))
    .filter((value) => value.length >= 16)
  assert.isNotEmpty(cookieValues)

  return {
    customer,
    staff,
    requestIds: {
      notifications: notifications.header('x-request-id')!,
      missing: missing.header('x-request-id')!,
      signIn: signIn.header('x-request-id')!,
      querySecret: withQuerySecret.header('x-request-id')!,
      teller: teller.header('x-request-id')!,
    },
    secrets: [customer.password, otp, bearer, bearer.split('.').pop()!, 'query-secret-0123456789', 'oauth-code-abcdef', ...cookieValues],
  }
}

test.group('Logging: JSON lines for ELK, without secrets', () => {
  test('LOG_FORMAT=ecs: every line is ECS JSON, each request has its line with id, route, actor and duration', async ({ assert }) => {
    const instance = await startAppInstance({ LOG_LEVEL: 'info', LOG_FORMAT: 'ecs' })
    let run: Awaited<ReturnType<typeof exerciseInstance>>
    try {
      run = await exerciseInstance(instance.url, assert)
    } finally {
      await instance.stop()
    }
    const output = instance.output()
    for (const secret of run.secrets) assert.notInclude(output, secret, 'a secret reached the log')

    const lines = jsonLines(output, assert)
    for (const line of lines) {
      assert.properties(line, ['@timestamp', 'log.level', 'message', 'ecs.version'])
      assert.equal(line['service.name'], 'strongroom')
      assert.notProperty(line, 'msg')
      assert.notProperty(line, 'time')
    }
    const requestLine = (id: string) => {
      const found = lines.filter((line) => line.message === 'request completed' && line['http.request.id'] === id)
      assert.lengthOf(found, 1, `one request line for ${id}`)
      return found[0]
    }

    const notifications = requestLine(run.requestIds.notifications)
    assert.include(notifications, {
      'log.level': 'info',
      'http.request.method': 'GET',
      'http.route': '/api/v1/notifications',
      'url.path': '/api/v1/notifications',
      'http.response.status_code': 200,
      'user.id': String(run.customer.id),
      'user.domain': 'customer',
    })
    assert.isTrue(Number.isInteger(notifications['event.duration']) && notifications['event.duration'] > 0, 'event.duration in ns')

    const missing = requestLine(run.requestIds.missing)
    assert.include(missing, { 'http.route': '/api/v1/transfers/:id', 'http.response.status_code': 404, 'user.id': String(run.customer.id) })

    const signIn = requestLine(run.requestIds.signIn)
    assert.include(signIn, { 'http.request.method': 'POST', 'http.route': '/api/v1/auth/tokens', 'http.response.status_code': 201 })
    assert.notProperty(signIn, 'user.id', 'nobody was authenticated before the token existed')

    assert.include(requestLine(run.requestIds.querySecret), { 'url.path': '/backoffice/login', 'http.route': '/backoffice/login' })
    assert.include(requestLine(run.requestIds.teller), {
      'http.route': '/backoffice/teller',
      'user.id': String(run.staff.id),
      'user.domain': 'staff',
    })

    const probes = lines.filter((line) => line['http.route'] === '/health/live')
    assert.isTrue(probes.every((line) => line['log.level'] === 'debug'), 'health probes are not info lines')
  }).timeout(120_000)

  test('LOG_FORMAT=json: pino fields and ours (request_id, route, actor_id, duration_ms), no secrets', async ({ assert }) => {
    const instance = await startAppInstance({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' })
    let run: Awaited<ReturnType<typeof exerciseInstance>>
    try {
      run = await exerciseInstance(instance.url, assert)
    } finally {
      await instance.stop()
    }
    const output = instance.output()
    for (const secret of run.secrets) assert.notInclude(output, secret, 'a secret reached the log')

    const lines = jsonLines(output, assert)
    for (const line of lines) assert.properties(line, ['level', 'time', 'msg', 'pid', 'hostname', 'name'])
    const [notifications] = lines.filter((line) => line.msg === 'request completed' && line.request_id === run.requestIds.notifications)
    assert.include(notifications, {
      level: 30,
      method: 'GET',
      route: '/api/v1/notifications',
      url: '/api/v1/notifications',
      status: 200,
      actor_type: 'customer',
      actor_id: run.customer.id,
    })
    assert.isAbove(notifications.duration_ms, 0)
    const [teller] = lines.filter((line) => line.msg === 'request completed' && line.request_id === run.requestIds.teller)
    assert.include(teller, { route: '/backoffice/teller', actor_type: 'staff', actor_id: run.staff.id })
  }).timeout(120_000)

  test('a queue worker with LOG_FORMAT=ecs logs each job with its queue, id, duration and outcome', async ({ assert }) => {
    const worker = await startWorker(['--queues=maintenance.prune'], { LOG_FORMAT: 'ecs' })
    let jobId = ''
    try {
      jobId = await db.transaction((trx) => jobQueue.enqueue(trx, 'maintenance.prune', {}))
      await eventually(async () => worker.output().includes(jobId), 60, 'the job line')
    } finally {
      await worker.stop()
    }
    /* the command's own messages ("Working …") are ace's console output, not log lines */
    const logOutput = worker.output().split('\n').filter((line) => !line.startsWith('[ ')).join('\n')
    const lines = jsonLines(logOutput, assert)
    const [line] = lines.filter((candidate) => candidate.message === 'job done' && candidate['labels.job_id'] === jobId)
    assert.isDefined(line, 'the job has its line')
    assert.include(line, { 'log.level': 'info', 'labels.queue': 'maintenance.prune', 'event.outcome': 'success', 'service.name': 'strongroom' })
    assert.isTrue(Number.isInteger(line['event.duration']) && line['event.duration'] > 0)
  }).timeout(120_000)

  test('a batch command with LOG_FORMAT=ecs logs its run with the command, exit code, duration and outcome', async ({ assert }) => {
    const run = promisify(execFile)(process.execPath, ['ace.js', 'ledger:verify'], {
      cwd: app.appRoot.pathname,
      env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'ecs' },
      timeout: 120_000,
    })
    const { stdout } = await run
    const lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Line)
    const [line] = lines.filter((candidate) => candidate.message === 'batch run completed')
    assert.isDefined(line, `the run has its line:\n${stdout}`)
    assert.include(line, {
      'log.level': 'info',
      'labels.command': 'ledger:verify',
      'process.exit_code': 0,
      'event.outcome': 'success',
      'service.name': 'strongroom',
    })
    assert.isTrue(Number.isInteger(line['event.duration']) && line['event.duration'] > 0)
  }).timeout(120_000)

  test('secret fields are redacted by name at any depth, error codes and URLs keep what is safe', async ({ assert }) => {
    let written = ''
    const destination = new Writable({
      write(chunk, _encoding, done) {
        written += chunk
        done()
      },
    })
    const { transport: _transport, ...config } = app.config.get<any>('logger').loggers.app
    const logger = new Logger({ ...config, ...formatOptions('ecs'), level: 'info', destination })
    const logged = {
      headers: { Authorization: 'Bearer oat_abc.s3cr3t-bearer', cookie: 'adonis-session=s3cr3t-cookie', DPoP: 's3cr3t-dpop' },
      body: { password: 's3cr3t-password', otp: '123456', client_assertion: 's3cr3t-jwt', code: 's3cr3t-oauth-code' },
      nested: [{ refresh_token: 's3cr3t-refresh', access_token: 's3cr3t-access', METRICS_TOKEN: 's3cr3t-metrics' }],
      link: 'https://bank.test/callback?code=s3cr3t-link-code&state=kept',
      error: { code: 'E_INSUFFICIENT_FUNDS' },
    }
    logger.info(logged, 'a line with secrets')
    assert.notInclude(written, 's3cr3t')
    const line = JSON.parse(written)
    assert.equal(line.headers.Authorization, REDACTED)
    assert.equal(line.body.otp, REDACTED)
    assert.equal(line.error.code, 'E_INSUFFICIENT_FUNDS')
    assert.include(line.link, 'state=kept')
    assert.equal(logged.body.password, 's3cr3t-password', "the caller's object is not changed")
    /* what a serializer adds after formatters.log: pino's redact paths, in the json format too */
    written = ''
    const addsHeaders = () => ({ headers: { 'set-cookie': 's3cr3t-set-cookie', 'x-api-key': 's3cr3t-key', dpop: 's3cr3t-dpop' } })
    const jsonLogger = new Logger({ ...config, ...formatOptions('json'), level: 'info', destination, serializers: { res: addsHeaders } })
    jsonLogger.info({ res: { statusCode: 200 } }, 'serialized')
    assert.include(written, '"x-api-key":"[redacted]"')
    assert.notInclude(written, 's3cr3t')
    const clean = { status: 200, nested: { fine: true } }
    assert.strictEqual(scrubSecrets(clean), clean, 'no copy without secrets')
  })
})
