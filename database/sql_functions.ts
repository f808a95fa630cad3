import { readdirSync, readFileSync } from 'node:fs'
import type { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The database's plpgsql/sql functions live in `database/sql/<module>/<function>.sql`,
 * one function per file (database/sql/README.md). Migrations install them by
 * name and drop them by name; no migration holds a function body.
 *
 *   installSqlFunctions(this, ['ledger/ledger_book', 'ledger/ledger_debit_check'])
 *   dropSqlFunctions(this, ['ledger/ledger_book'])
 *
 * Guarantees:
 * - a name is `<module>/<function>`; its file must exist and create exactly
 *   that function (`create or replace function <function>(`), checked when
 *   the migration is built, before anything runs;
 * - the files run in the migration's transaction, in the order given, with
 *   `check_function_bodies` off (as pg_dump does), so a `language sql` body
 *   may name a table or function that a later statement or migration creates;
 * - dropping removes every overload of the name in the current schema, so
 *   down() never repeats a signature.
 *
 * The files reach the production build through `metaFiles` in adonisrc.ts
 * (build/database/sql/**), next to this module.
 */
const SQL_ROOT = new URL('./sql/', import.meta.url)
const NAME = /^([a-z][a-z0-9_]*)\/([a-z][a-z0-9_]*)$/

/** `ledger/ledger_book` → `ledger_book` */
export function sqlFunctionName(name: string): string {
  const match = NAME.exec(name)
  if (!match) throw new Error(`SQL function "${name}": expected <module>/<function_name>`)
  return match[2]
}

/** The text of database/sql/<name>.sql, checked to create the function it is named after */
export function sqlFunctionSource(name: string): string {
  const fn = sqlFunctionName(name)
  const source = readFileSync(new URL(`${name}.sql`, SQL_ROOT), 'utf8')
  const creates = [...source.matchAll(/create\s+(?:or\s+replace\s+)?function\s+([a-z0-9_."]+)\s*\(/gi)].map((m) => m[1])
  if (creates.length !== 1 || creates[0] !== fn) {
    throw new Error(`database/sql/${name}.sql must create exactly one function, ${fn} (unqualified); found: ${creates.join(', ') || 'none'}`)
  }
  return source
}

/** Every file under database/sql, as `<module>/<function>` names, sorted */
export function listSqlFunctions(): string[] {
  return readdirSync(SQL_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(new URL(`${dir.name}/`, SQL_ROOT))
        .filter((file) => file.endsWith('.sql'))
        .map((file) => `${dir.name}/${file.slice(0, -'.sql'.length)}`)
    )
    .sort()
}

/**
 * Knex turns every `?` of a raw query into a positional parameter ($1);
 * `\?` keeps it. The files reach the server byte for byte.
 */
function forKnex(source: string, name: string) {
  if (source.includes('\\?')) throw new Error(`database/sql/${name}.sql: "\\?" cannot pass through knex unchanged`)
  return source.replaceAll('?', '\\?')
}

/** Queues the named files on the migration (they run when its up()/down() is executed) */
export function installSqlFunctions(migration: BaseSchema, names: string[]) {
  const sources = names.map((name) => forKnex(sqlFunctionSource(name), name))
  migration.schema.raw('set local check_function_bodies = off')
  for (const source of sources) migration.schema.raw(source)
  migration.schema.raw('set local check_function_bodies = on')
}

/**
 * Queues `drop function` for every overload of each named function, given as
 * `<module>/<function>` or, for one that has no file any more, `<function>`.
 * A name with no function drops nothing.
 */
export function dropSqlFunctions(migration: BaseSchema, names: string[]) {
  const functions = names.map((name) => {
    if (/^[a-z][a-z0-9_]*$/.test(name)) return name
    return sqlFunctionName(name)
  })
  migration.schema.raw(`
    do $$
    declare
      f regprocedure;
    begin
      for f in
        select p.oid from pg_proc p
         where p.pronamespace = current_schema()::regnamespace
           and p.proname = any (array[${functions.map((fn) => `'${fn}'`).join(', ')}]::name[])
      loop
        execute format('drop function %s', f);
      end loop;
    end
    $$
  `)
}
