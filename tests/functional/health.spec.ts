import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { BaseCheck, Result } from '@adonisjs/core/health'
import { readinessChecks } from '#start/health'
import { assertProblem } from '#tests/helpers/api'

class UnreachableDatabase extends BaseCheck {
  name = 'Database health check (unreachable)'
  async run() {
    return Result.failed('connect ECONNREFUSED 10.0.0.1:5432')
  }
}

test.group('Health probes', () => {
  test('/health/live answers 200 while the process is up', async ({ client, assert }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    assert.deepEqual(response.body(), { status: 'ok' })
    assert.isString(response.header('x-request-id'))
  })

  test('/health/ready answers 200 when the database answers', async ({ client, assert }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    assert.equal(response.body().status, 'ok')
    assert.deepEqual(response.body().checks.map((c: any) => c.status), ['ok'])
  })

  test('/health/ready answers 503 problem+json without internals when a check fails', async ({ client, assert }) => {
    readinessChecks.register([new UnreachableDatabase()])
    try {
      const response = await client.get('/health/ready')
      const problem = assertProblem(assert, response, 503, 'E_NOT_READY')
      assert.notInclude(JSON.stringify(problem), 'ECONNREFUSED')
      assert.deepEqual(problem.checks, [{ name: 'Database health check (unreachable)', status: 'error' }])
    } finally {
      readinessChecks.register([new DbCheck(db.connection())])
    }
    ;(await client.get('/health/ready')).assertStatus(200)
  })
})
