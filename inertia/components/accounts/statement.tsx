import { useState, type FormEvent } from 'react'
import { Link, router } from '@inertiajs/react'
import DataTable, { type Column, queryString } from '~/components/data_table'
import Pagination from '~/components/pagination'
import StatusBadge from '~/components/status_badge'
import { SelectField, TextField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import type { Data, Paginated } from '~/types'

export type StatementFilters = { from: string; to: string; direction: string }

type Line = Data.StatementLine

const COLUMNS: Column<Line>[] = [
  { key: 'date', label: 'Booked (UTC)', render: (l) => l.bookedAt.slice(0, 19).replace('T', ' ') },
  {
    key: 'description',
    label: 'Description / reference',
    render: (l) => (
      <>
        <Link href={l.transactionUrl}>
          #{l.transactionId} {l.kind}
        </Link>
        {l.reversedById && <> <StatusBadge status="rejected" label="reversed" /></>}
        <div className="subtle">{[l.reference, l.description].filter(Boolean).join(' · ') || '—'}</div>
      </>
    ),
  },
  { key: 'debit', label: 'Debit', align: 'right', render: (l) => (l.debit ? formatAmount(l.debit) : '') },
  { key: 'credit', label: 'Credit', align: 'right', render: (l) => (l.credit ? formatAmount(l.credit) : '') },
  { key: 'balance', label: 'Balance', align: 'right', render: (l) => formatAmount(l.runningBalance) },
]

/** The statement of an account: date / direction filters, the entries (newest first), pagination */
export default function Statement({ entries, filters, url, errors }: {
  entries: Paginated<Line>
  filters: StatementFilters
  /** the statement page itself: filters and pages are links to it */
  url: string
  errors: Record<string, string>
}) {
  const [query, setQuery] = useState(filters)
  const filter = (event: FormEvent) => {
    event.preventDefault()
    router.get(`${url}${queryString(query)}`, {}, { preserveState: true })
  }
  const activeFilters = { from: filters.from, to: filters.to, direction: filters.direction }

  return (
    <section className="card">
      <div className="card-header"><h2>Statement</h2></div>
      <form className="filters" onSubmit={filter} aria-label="Filter the statement">
        <TextField label="From" name="from" type="date" value={query.from}
          onChange={(e) => setQuery({ ...query, from: e.target.value })} error={errors.from} />
        <TextField label="To" name="to" type="date" value={query.to}
          onChange={(e) => setQuery({ ...query, to: e.target.value })} error={errors.to} />
        <SelectField label="Direction" name="direction" value={query.direction}
          onChange={(e) => setQuery({ ...query, direction: e.target.value })}
          options={[{ value: '', label: 'All' }, { value: 'credit', label: 'Credits' }, { value: 'debit', label: 'Debits' }]} />
        <button type="submit" className="btn">Filter</button>
      </form>
      <DataTable columns={COLUMNS} rows={entries.data} rowKey={(l) => l.entryId}
        empty="No entries in this period." caption="Statement entries, newest first" />
      <Pagination meta={entries.metadata} baseUrl={url} query={activeFilters} noun={['entry', 'entries']} />
    </section>
  )
}
