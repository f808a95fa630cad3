import { test } from '@japa/runner'
import { Writable } from 'node:stream'
import { ApiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { Logger } from '@adonisjs/core/logger'
import { issuePasswordToken, passwordTokenUrl } from '#services/auth/staff_password_tokens'
import { REDACTED, redactUrl } from '#services/logging/log_redaction'
import { createStaff, staffRow } from '#tests/helpers/staff'
import { StaffAgent } from '#tests/helpers/staff_agent'
import { startAppInstance } from '#tests/helpers/app_instance'

/**
 * Finding 9 of the security review: the single-use tokens of the password
 * reset and invitation links are in the URL path and were written to the
 * access log. Every log line now carries "[redacted]" instead.
 */
test.group('Log redaction: reset and invitation links', () => {
  test('the access log of a web process never contains a reset token, only its redacted form', async ({ assert }) => {
    const { staff } = await createStaff({ role: 'teller', enrolled: true })
    const { token } = await db.transaction((trx) => issuePasswordToken(trx, Number(staff.id), 'invitation'))
    const path = new URL(passwordTokenUrl(token)).pathname

    const instance = await startAppInstance({ LOG_LEVEL: 'info' })
    try {
      const agent = await new StaffAgent(new ApiClient(instance.url, assert)).start()
      ;(await agent.get(path)).assertStatus(200)
      const update = await agent.post(path, { password: 'a brand new passphrase', password_confirmation: 'a brand new passphrase' })
      update.assertHeader('location', '/backoffice/login')
      await agent.get(`${path}?token=${token}`)
    } finally {
      await instance.stop()
    }
    assert.isNotNull((await staffRow(staff.id)).password_changed_at, 'the link really worked')

    const output = instance.output()
    assert.notInclude(output, token)
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === 'request completed' && String(line.url).startsWith('/backoffice/reset-password/'))
    assert.deepEqual(
      lines.map((line) => [line.method, line.url]),
      [
        ['GET', `/backoffice/reset-password/${REDACTED}`],
        ['POST', `/backoffice/reset-password/${REDACTED}`],
        ['GET', `/backoffice/reset-password/${REDACTED}`],
      ]
    )
  }).timeout(90_000)

  test('any log field named url or link is redacted by the logger configuration itself', async ({ assert }) => {
    let written = ''
    const destination = new Writable({
      write(chunk, _encoding, done) {
        written += chunk
        done()
      },
    })
    const { transport: _transport, ...config } = app.config.get<any>('logger').loggers.app
    const logger = new Logger({ ...config, level: 'info', destination })
    const link = `http://127.0.0.1/backoffice/reset-password/secret-token-value-0123456789`
    logger.child({ request_id: 'r1' }).info({ url: link, mail: { link } }, 'Staff invitation link')
    logger.info({ link }, 'another line')
    assert.notInclude(written, 'secret-token-value-0123456789')
    assert.equal((written.match(/\/backoffice\/reset-password\/\[redacted\]/g) ?? []).length, 3)
  })

  test('every route with a secret path parameter is covered by the redaction', async ({ assert }) => {
    const routes = Object.values(router.toJSON()).flat() as Array<{ pattern: string }>
    const secretRoutes = routes.filter((route) => /:(token|secret|code|key)\b/i.test(route.pattern))
    assert.isAbove(secretRoutes.length, 0)
    for (const route of secretRoutes) {
      const url = route.pattern.replace(/:(\w+)\??/g, (_m, name) => `${name}-value-s3cr3t`)
      assert.notInclude(redactUrl(url), 's3cr3t', `${route.pattern} is redacted`)
    }
  })
})
