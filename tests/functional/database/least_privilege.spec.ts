import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { OWNER_CONNECTION } from '#services/database/database_roles'

/**
 * Finding 13a (ARCHITECTURE §4 "Database roles"): the app's connection is a
 * runtime role that owns nothing, so it cannot change ledger entries or audit
 * rows, nor switch off the triggers that protect them; the migrations ran as
 * the owner role.
 */
const APPEND_ONLY = {
  audit_events: 'audit_events_append_only',
  audit_blocks: 'audit_blocks_append_only',
  audit_seals: 'audit_seals_append_only',
  ledger_entries: 'ledger_entries_immutable',
  ledger_transactions: 'ledger_transactions_immutable',
}
const PERMISSION_DENIED = '42501'

async function refused(sql: string) {
  const error = await db.rawQuery(sql).then(() => null, (e) => e)
  return error?.code
}

test.group('Database roles: least privilege', () => {
  test('the app connects as a role that is not the owner and owns no table, sequence, function or schema', async ({ assert }) => {
    const runtime = (await db.rawQuery('select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as superuser')).rows[0]
    const owner = (await db.connection(OWNER_CONNECTION).rawQuery('select current_user as role')).rows[0].role
    assert.notEqual(runtime.role, owner)
    assert.isFalse(runtime.superuser)
    const { rows } = await db.rawQuery(
      `select (select count(*) from pg_class where relowner = r.oid)::int as relations,
              (select count(*) from pg_proc where proowner = r.oid)::int as functions,
              (select count(*) from pg_namespace where nspowner = r.oid)::int as schemas
         from pg_roles r where r.rolname = current_user`
    )
    assert.deepEqual(rows[0], { relations: 0, functions: 0, schemas: 0 })
    const tables = await db.rawQuery(`select tableowner from pg_tables where tablename = 'audit_events'`)
    assert.equal(tables.rows[0].tableowner, owner)
  })

  test('UPDATE, DELETE and TRUNCATE of ledger entries and audit tables are refused with a permission error', async ({ assert }) => {
    for (const table of Object.keys(APPEND_ONLY)) {
      const key = table === 'audit_seals' ? 'event_id' : 'id'
      assert.equal(await refused(`update ${table} set ${key} = ${key} where ${key} = 1`), PERMISSION_DENIED, `update ${table}`)
      assert.equal(await refused(`delete from ${table} where ${key} = 1`), PERMISSION_DENIED, `delete ${table}`)
      assert.equal(await refused(`truncate ${table} cascade`), PERMISSION_DENIED, `truncate ${table}`)
    }
  })

  test('their triggers cannot be disabled or dropped, nor bypassed with session_replication_role', async ({ assert }) => {
    for (const [table, trigger] of Object.entries(APPEND_ONLY)) {
      assert.equal(await refused(`alter table ${table} disable trigger ${trigger}`), PERMISSION_DENIED, table)
      assert.equal(await refused(`alter table ${table} disable trigger all`), PERMISSION_DENIED, table)
      assert.equal(await refused(`drop trigger ${trigger} on ${table}`), PERMISSION_DENIED, table)
    }
    assert.equal(await refused('set session_replication_role = replica'), PERMISSION_DENIED)
    assert.equal(await refused('create or replace function audit_row_hash(e audit_events) returns char(64) language sql as $$ select repeat(\'0\', 64)::char(64) $$'), PERMISSION_DENIED)
    const { rows } = await db.rawQuery(
      `select count(*)::int as disabled from pg_trigger where tgname = any(?::text[]) and tgenabled = 'D'`,
      [`{${Object.values(APPEND_ONLY).join(',')}}`]
    )
    assert.equal(rows[0].disabled, 0)
  })

  test('the app may still insert and read them, and create nothing in the schema', async ({ assert }) => {
    const { rows } = await db.rawQuery(
      `select t, has_table_privilege(current_user, t, 'INSERT') as ins, has_table_privilege(current_user, t, 'SELECT') as sel
         from unnest(?::text[]) t`,
      [`{${Object.keys(APPEND_ONLY).join(',')}}`]
    )
    for (const row of rows) assert.isTrue(row.ins && row.sel, row.t)
    assert.equal(await refused('create table runtime_may_not_create (id int)'), PERMISSION_DENIED)
    assert.equal(await refused('update adonis_schema set name = name'), PERMISSION_DENIED)
  })
})
