import { Link } from '@inertiajs/react'
import { queryString } from '~/components/data_table'

/** Previous / Next of one of the lists of a page (its own page parameter; the other list's is kept) */
export default function PageLinks({ url, param, page, hasMore, query }: {
  url: string
  param: string
  page: number
  hasMore: boolean
  query: Record<string, unknown>
}) {
  return (
    <nav className="pagination" aria-label="Pagination">
      <span className="subtle">Newest first · page {page}</span>
      <div className="pages">
        {page > 1 ? (
          <Link className="btn btn-secondary" href={`${url}${queryString({ ...query, [param]: page - 1 })}`} preserveState>
            Previous
          </Link>
        ) : (
          <button className="btn btn-secondary" disabled>Previous</button>
        )}
        {hasMore ? (
          <Link className="btn btn-secondary" href={`${url}${queryString({ ...query, [param]: page + 1 })}`} preserveState>
            Next
          </Link>
        ) : (
          <button className="btn btn-secondary" disabled>Next</button>
        )}
      </div>
    </nav>
  )
}
