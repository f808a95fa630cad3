import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import OutboundTimeoutException from '#exceptions/outbound_timeout_exception'
import OutboundUnavailableException from '#exceptions/outbound_unavailable_exception'
import { deliverMail } from '#services/mail/mail_delivery'
import { outboundStates, resetOutboundBreakers } from '#services/outbound/circuit_breakers'
import { sleep } from '#tests/helpers/backoffice'
import { OutboundTestMail, startSmtpServer, withEnv } from '#tests/functional/outbound/smtp_test_server'

type Server = Awaited<ReturnType<typeof startSmtpServer>>

const TIMEOUT_MS = 2_000

/** Sends one mail through the smtp mailer; resolves to the error it failed with, or null */
async function send(subject: string): Promise<Error | null> {
  try {
    await deliverMail(new OutboundTestMail(subject), { mailer: 'smtp' })
    return null
  } catch (error) {
    return error as Error
  }
}

const stateOf = (port: number) => outboundStates().find((s) => s.destination === `smtp:127.0.0.1:${port}`)

/**
 * Outbound SMTP behind its circuit breaker, against a real SMTP server on
 * localhost: the smtp mailer is pointed at it through SMTP_HOST/SMTP_PORT
 * (read when the mailer is built, so the cached mailer is closed around
 * each test) and the breaker settings come from OUTBOUND_* variables.
 */
test.group('Outbound circuit breaker (SMTP)', (group) => {
  let server: Server
  let restoreEnv: () => void

  function configure(settings: { failures: number; halfOpenMs: number; timeoutMs?: number }) {
    restoreEnv = withEnv({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: server.port,
      OUTBOUND_BREAKER_FAILURES: settings.failures,
      OUTBOUND_BREAKER_HALF_OPEN_MS: settings.halfOpenMs,
      OUTBOUND_TIMEOUT_MS: settings.timeoutMs ?? TIMEOUT_MS,
    })
  }

  group.each.setup(async () => {
    mail.restore()
    server = await startSmtpServer()
    resetOutboundBreakers()
    await mail.close('smtp')
    return async () => {
      restoreEnv?.()
      await mail.close('smtp')
      resetOutboundBreakers()
      await server.close()
    }
  })

  test('a mail sent through SMTP reaches the server; the breaker stays closed', async ({ assert }) => {
    configure({ failures: 3, halfOpenMs: 60_000 })
    assert.isNull(await send('Delivered through SMTP'))

    assert.lengthOf(server.state.received, 1)
    const [received] = server.state.received
    assert.deepEqual(received.to, ['customer@example.test'])
    assert.include(received.data, 'Subject: Delivered through SMTP')
    assert.include(received.data, 'Text of Delivered through SMTP')
    assert.deepInclude(stateOf(server.port), { state: 'closed', failures: 0, openedAt: null })
  })

  test('opens after N consecutive failures; the next send fails at once without touching the server', async ({ assert }) => {
    configure({ failures: 3, halfOpenMs: 60_000 })
    server.state.mode = 'fail'

    for (let attempt = 1; attempt <= 3; attempt++) {
      const error = await send(`Refused ${attempt}`)
      assert.instanceOf(error, Error)
      assert.notInstanceOf(error, OutboundUnavailableException, `attempt ${attempt} reached the server`)
      assert.equal(stateOf(server.port)?.state, attempt < 3 ? 'closed' : 'open')
    }
    assert.equal(server.state.connections, 3)
    const opened = stateOf(server.port)!
    assert.equal(opened.failures, 3)
    assert.instanceOf(opened.openedAt, Date)

    const started = performance.now()
    const error = await send('Refused at once')
    const elapsed = performance.now() - started

    assert.instanceOf(error, OutboundUnavailableException)
    const unavailable = error as OutboundUnavailableException
    assert.equal(unavailable.destination, `smtp:127.0.0.1:${server.port}`)
    assert.equal(unavailable.retryAt.getTime(), opened.openedAt!.getTime() + 60_000)
    assert.isAbove(unavailable.retryAfter, 50)
    assert.isBelow(elapsed, TIMEOUT_MS / 10, `refused in ${elapsed.toFixed(1)} ms`)
    assert.equal(server.state.connections, 3, 'an open circuit must not connect')
    assert.lengthOf(server.state.received, 0)
  })

  test('after the half-open delay a trial send goes through: failing reopens, succeeding closes', async ({ assert }) => {
    configure({ failures: 2, halfOpenMs: 300 })
    server.state.mode = 'fail'
    await send('Refused 1')
    await send('Refused 2')
    assert.equal(stateOf(server.port)?.state, 'open')
    assert.instanceOf(await send('Too early'), OutboundUnavailableException)

    /* still failing: the one trial call reaches the server and opens the circuit again */
    await sleep(350)
    const trial = await send('Trial while still down')
    assert.notInstanceOf(trial, OutboundUnavailableException)
    assert.equal(server.state.connections, 3)
    assert.equal(stateOf(server.port)?.state, 'open')
    assert.instanceOf(await send('Too early again'), OutboundUnavailableException)
    assert.equal(server.state.connections, 3)

    /* healthy again: the next trial succeeds and closes the circuit */
    server.state.mode = 'ok'
    await sleep(350)
    assert.isNull(await send('Back to normal'))
    assert.deepInclude(stateOf(server.port), { state: 'closed', failures: 0, openedAt: null, retryAt: null })
    assert.isNull(await send('And the next one'))
    assert.deepEqual(
      server.state.received.map((r) => /Subject: (.*)/.exec(r.data)?.[1]?.trim()),
      ['Back to normal', 'And the next one']
    )
  })

  test('while the half-open trial is in flight, other sends fail at once instead of waiting for it', async ({ assert }) => {
    configure({ failures: 1, halfOpenMs: 200, timeoutMs: 800 })
    server.state.mode = 'fail'
    await send('Refused')
    server.state.mode = 'hang'
    await sleep(250)

    const trial = send('Trial that hangs')
    await sleep(50)
    assert.equal(stateOf(server.port)?.state, 'half_open')
    const started = performance.now()
    const concurrent = await send('Meanwhile')
    assert.instanceOf(concurrent, OutboundUnavailableException)
    assert.isBelow(performance.now() - started, 200, 'refused at once, not after the trial')
    assert.instanceOf(await trial, OutboundTimeoutException)
    assert.equal(server.state.connections, 2, 'only the trial reached the server')
    assert.equal(stateOf(server.port)?.state, 'open')
  })

  test('a server that never answers is cut off after OUTBOUND_TIMEOUT_MS and counts as a failure', async ({ assert }) => {
    configure({ failures: 1, halfOpenMs: 60_000, timeoutMs: 300 })
    server.state.mode = 'hang'

    const started = performance.now()
    const error = await send('Into the void')
    const elapsed = performance.now() - started

    assert.instanceOf(error, OutboundTimeoutException)
    assert.isAtLeast(elapsed, 290)
    assert.isBelow(elapsed, 2_000)
    assert.equal(stateOf(server.port)?.state, 'open')
    assert.instanceOf(await send('Not even tried'), OutboundUnavailableException)
    assert.equal(server.state.connections, 1)
  })

  test('each destination has its own breaker', async ({ assert }) => {
    configure({ failures: 1, halfOpenMs: 60_000 })
    server.state.mode = 'fail'
    await send('Refused')
    assert.equal(stateOf(server.port)?.state, 'open')

    const other = await startSmtpServer()
    try {
      const restore = withEnv({ SMTP_PORT: other.port })
      await mail.close('smtp')
      try {
        assert.isNull(await send('Other server'))
      } finally {
        restore()
        await mail.close('smtp')
      }
      assert.lengthOf(other.state.received, 1)
      assert.equal(stateOf(other.port)?.state, 'closed')
      assert.equal(stateOf(server.port)?.state, 'open')
    } finally {
      await other.close()
    }
  })
})
