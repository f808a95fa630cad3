import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'

test.group('Test harness', () => {
  test('talks to a real PostgreSQL', async ({ assert }) => {
    const result = await db.rawQuery('select version() as version')
    assert.match(result.rows[0].version, /PostgreSQL/)
  })

  test('audit_append hashes a row and audit_events rejects changes', async ({ assert }) => {
    const { rows } = await db.rawQuery('select audit_append(?::jsonb) as id', [
      JSON.stringify({ actor_type: 'system', action: 'test.harness', ip: '127.0.0.1' }),
    ])
    const id = rows[0].id
    const check = await db.rawQuery(
      'select e.row_hash = audit_row_hash(e) as ok from audit_events e where id = ?',
      [id]
    )
    assert.isTrue(check.rows[0].ok)
    await assert.rejects(() => db.rawQuery('update audit_events set action = ? where id = ?', ['x', id]))
  })
})
