import type { ReactNode } from 'react'
import { Link } from '@inertiajs/react'
import EmptyState from '~/components/empty_state'

export interface Column<Row> {
  key: string
  label: string
  /** Sortable on the server: the header links to ?sort=key&direction=... */
  sortable?: boolean
  align?: 'left' | 'right'
  render: (row: Row) => ReactNode
}

export interface SortState {
  sort?: string
  direction?: 'asc' | 'desc'
}

export function queryString(query: Record<string, unknown>) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && String(value) !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * The backoffice table: server-side sorting through header links (the
 * current filters are kept, the page resets), an empty state, and
 * tabular numbers in right-aligned columns.
 */
export default function DataTable<Row>({
  columns,
  rows,
  rowKey,
  baseUrl,
  query = {},
  sort = {},
  empty = 'Nothing to show.',
  caption,
}: {
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (row: Row) => string | number
  baseUrl?: string
  query?: Record<string, unknown>
  sort?: SortState
  empty?: ReactNode
  caption?: string
}) {
  if (rows.length === 0) {
    return typeof empty === 'string' ? <EmptyState title={empty} /> : <>{empty}</>
  }
  const headerFor = (column: Column<Row>) => {
    if (!column.sortable || !baseUrl) return column.label
    const active = sort.sort === column.key
    const direction = active && sort.direction === 'asc' ? 'desc' : 'asc'
    const href = `${baseUrl}${queryString({ ...query, page: undefined, sort: column.key, direction })}`
    return (
      <Link href={href} preserveState className="sort-link">
        {column.label}
        <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </Link>
    )
  }
  return (
    <table className="table">
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.key}
              className={column.align === 'right' ? 'num' : undefined}
              aria-sort={
                sort.sort === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
              }
            >
              {headerFor(column)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.key} className={column.align === 'right' ? 'num' : undefined}>
                {column.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
