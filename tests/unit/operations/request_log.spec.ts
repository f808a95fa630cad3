import { test } from '@japa/runner'
import type { HttpContext } from '@adonisjs/core/http'
import { quietRequest } from '#middleware/request_log_middleware'

/** The access log's level: what is polled or fetched by the dozen goes to debug, never a failure */
test.group('Access log: which requests are debug', () => {
  const route = (name?: string) => ({ name, pattern: '/x' }) as unknown as HttpContext['route']

  test('probes and scrapes are debug; other routes are info whatever their status', ({ assert }) => {
    assert.isTrue(quietRequest(route('health.ready'), 503))
    assert.isTrue(quietRequest(route('metrics'), 200))
    assert.isFalse(quietRequest(route('api.v1.transfers.store'), 201))
    assert.isFalse(quietRequest(route('api.v1.transfers.store'), 422))
    assert.isFalse(quietRequest(route(undefined), 200))
  })

  test('a file answered without a route (Vite module, built asset) is debug; an unmatched failure is info', ({ assert }) => {
    assert.isTrue(quietRequest(undefined, 200))
    assert.isTrue(quietRequest(undefined, 304))
    assert.isFalse(quietRequest(undefined, 404))
    assert.isFalse(quietRequest(undefined, 400))
  })
})
