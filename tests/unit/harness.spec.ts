import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'

test.group('Test harness', () => {
  test('talks to a real PostgreSQL', async ({ assert }) => {
    const result = await db.rawQuery('select version() as version')
    assert.match(result.rows[0].version, /PostgreSQL/)
  })
})
