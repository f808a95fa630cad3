import { Link } from '@inertiajs/react'
import { queryString } from '~/components/data_table'

/**
 * Newer / Older links of a keyset-paginated list (newest first): each
 * keeps the active filters and adds the cursor (`after` / `before` an id).
 */
export default function KeysetPagination({ cursors, url, query, perPage }: {
  cursors: { newer: number | null; older: number | null }
  url: string
  query: Record<string, unknown>
  perPage: number
}) {
  return (
    <nav className="pagination" aria-label="Pagination">
      <span className="subtle">Newest first · {perPage} per page</span>
      <div className="pages">
        {cursors.newer !== null ? (
          <Link className="btn btn-secondary" href={`${url}${queryString({ ...query, after: cursors.newer })}`} preserveState>
            Newer
          </Link>
        ) : (
          <button className="btn btn-secondary" disabled>Newer</button>
        )}
        {cursors.older !== null ? (
          <Link className="btn btn-secondary" href={`${url}${queryString({ ...query, before: cursors.older })}`} preserveState>
            Older
          </Link>
        ) : (
          <button className="btn btn-secondary" disabled>Older</button>
        )}
      </div>
    </nav>
  )
}
