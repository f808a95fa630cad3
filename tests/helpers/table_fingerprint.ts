import db from '@adonisjs/lucid/services/db'

/**
 * A fingerprint of every table of the database (count + md5 of all rows),
 * to prove that a batch of requests changed nothing. The table list is
 * read from the catalogue, so a table added by a later migration is
 * covered without editing this file.
 *
 * `exclude`: tables (schema-qualified or bare for public) whose changes are
 * legitimate on any request. `auditActionsIgnored`: audit_events is
 * fingerprinted without the rows of these actions (e.g. the
 * authorization.denied rows that refused requests write on purpose).
 */
export interface FingerprintOptions {
  exclude?: Iterable<string>
  auditActionsIgnored?: Iterable<string>
  /** columns that legitimately change on any request (e.g. a token's last_used_at), per table */
  ignoreColumns?: Record<string, string[]>
}

export async function tableFingerprint(options: FingerprintOptions = {}): Promise<Record<string, string>> {
  const exclude = new Set(options.exclude ?? [])
  const ignoredActions = [...(options.auditActionsIgnored ?? [])]
  const { rows } = await db.rawQuery(
    `select table_schema, table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by table_schema, table_name`
  )
  const prints: Record<string, string> = {}
  for (const { table_schema: schema, table_name: table } of rows) {
    const name = schema === 'public' ? table : `${schema}.${table}`
    if (exclude.has(name)) continue
    const columns = options.ignoreColumns?.[name] ?? []
    const row = columns.length ? `(to_jsonb(t) - array[${columns.map((c) => `'${c}'`).join(', ')}]::text[])::text` : 't::text'
    const filter =
      name === 'audit_events' && ignoredActions.length ? `where not (t.action = any(?::text[]))` : ''
    const result = await db.rawQuery(
      `select count(*)::text || ':' || coalesce(md5(string_agg(${row}, '|' order by ${row})), '') as print
         from "${schema}"."${table}" t ${filter}`,
      filter ? [ignoredActions] : []
    )
    prints[name] = result.rows[0].print
  }
  return prints
}

/** The tables whose fingerprint differs (for a readable assertion message) */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...names].filter((name) => before[name] !== after[name]).sort()
}
