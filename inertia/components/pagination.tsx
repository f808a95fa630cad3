import { Link } from '@inertiajs/react'
import type { PaginationMeta } from '~/types'

/** Server-side pagination: previous / next links keeping the other query parameters */
export default function Pagination({
  meta,
  baseUrl,
  query,
  noun = ['item', 'items'],
  pageParam = 'page',
}: {
  meta: PaginationMeta
  baseUrl: string
  query: Record<string, string | number | undefined>
  /** singular and plural of what is listed */
  noun?: [string, string]
  /** the query parameter holding the page number (a second list on the same page needs its own) */
  pageParam?: string
}) {
  const href = (page: number) => {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries({ ...query, [pageParam]: page })) {
      if (value !== undefined && String(value) !== '') params.set(key, String(value))
    }
    return `${baseUrl}?${params.toString()}`
  }
  return (
    <nav className="pagination" aria-label="Pagination">
      <span className="subtle">
        Page {meta.currentPage} of {Math.max(meta.lastPage, 1)} · {meta.total} {meta.total === 1 ? noun[0] : noun[1]}
      </span>
      <div className="pages">
        {meta.currentPage > 1 ? (
          <Link className="btn btn-secondary" href={href(meta.currentPage - 1)} preserveState>
            Previous
          </Link>
        ) : (
          <button className="btn btn-secondary" disabled>
            Previous
          </button>
        )}
        {meta.currentPage < meta.lastPage ? (
          <Link className="btn btn-secondary" href={href(meta.currentPage + 1)} preserveState>
            Next
          </Link>
        ) : (
          <button className="btn btn-secondary" disabled>
            Next
          </button>
        )}
      </div>
    </nav>
  )
}
