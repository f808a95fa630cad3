import { useState } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import StatusBadge from '~/components/status_badge'
import { SelectField, TextField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import { statusWords } from '~/components/loans/loan_types'
import type LoanReviewQueries from '#queries/loans/loan_review_queries'
import type { InertiaProps, Serialized } from '~/types'

type Page = Serialized<Awaited<ReturnType<LoanReviewQueries['list']>>>
type LoanRow = Page['data'][number]

type Props = InertiaProps<{
  loans: Page
  filters: {
    status: string
    sort: string
    direction: 'asc' | 'desc'
    product: string
    minAmount: string
    maxAmount: string
    submittedBefore: string
    perPage: number
  }
  options: { statuses: string[]; products: Array<{ value: string; label: string }> }
  urls: { index: string }
}>

/** The review queue (oldest submitted first) and every loan: filtered, sorted and paginated on the server */
export default function LoansIndex({ loans, filters, options, urls }: Props) {
  const query = {
    status: filters.status, product: filters.product, minAmount: filters.minAmount, maxAmount: filters.maxAmount,
    submittedBefore: filters.submittedBefore, sort: filters.sort, direction: filters.direction,
  }
  const [range, setRange] = useState({ minAmount: filters.minAmount, maxAmount: filters.maxAmount })
  const visit = (next: Record<string, string>) =>
    router.get(urls.index, Object.fromEntries(Object.entries({ ...query, ...next }).filter(([, v]) => v !== '')), { preserveState: true, replace: true })
  const columns: Column<LoanRow>[] = [
    { key: 'id', label: 'Loan', sortable: true, render: (l) => <Link href={l.url}>#{l.id}</Link> },
    { key: 'customer', label: 'Customer', render: (l) => <>{l.customer.fullName} <span className="mono subtle">{l.customer.customerNumber}</span></> },
    { key: 'product', label: 'Product and term', render: (l) => <>{l.product}<br /><span className="subtle">{l.termCount} {l.frequency}</span></> },
    { key: 'principal', label: 'Amount', sortable: true, align: 'right', render: (l) => formatAmount(l.amount) },
    { key: 'recommendation', label: 'Advice', render: (l) => l.recommendation ?? '—' },
    {
      key: 'status', label: 'Status', sortable: true,
      render: (l) => (
        <>
          <StatusBadge status={l.status} label={statusWords(l.status)} />
          {l.awaitingSecondOfficer && <><br /><span className="subtle">waiting for a second officer</span></>}
          {l.reviewer && <><br /><span className="subtle">{l.reviewer}</span></>}
        </>
      ),
    },
    { key: 'submitted_at', label: 'Submitted', sortable: true, render: (l) => <time dateTime={l.submittedAt ?? undefined} title={l.submittedAt ?? undefined}>{l.age} ago</time> },
    { key: 'action', label: '', align: 'right', render: (l) => <Link className="btn btn-small btn-secondary" href={l.url}>Open #{l.id}</Link> },
  ]

  return (
    <BackofficeLayout>
      <Head title="Loans" />
      <PageHeader title="Loans" description="The review queue, oldest application first, and every loan." />
      <section className="card">
        <div className="filters">
          <SelectField label="Status" name="status" value={filters.status}
            options={[{ value: 'queue', label: 'Review queue' }, { value: 'all', label: 'All' }, ...options.statuses.map((s) => ({ value: s, label: statusWords(s) }))]}
            onChange={(e) => visit({ status: e.target.value, sort: '', direction: '' })} />
          <SelectField label="Product" name="product" value={filters.product}
            options={[{ value: '', label: 'Any product' }, ...options.products]}
            onChange={(e) => visit({ product: e.target.value })} />
          <TextField label="Submitted before" name="submittedBefore" type="date" value={filters.submittedBefore}
            onChange={(e) => visit({ submittedBefore: e.target.value })} />
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); visit(range) }}>
            <TextField label="Amount from" name="minAmount" inputMode="decimal" value={range.minAmount}
              onChange={(e) => setRange({ ...range, minAmount: e.target.value })} />
            <TextField label="Amount to" name="maxAmount" inputMode="decimal" value={range.maxAmount}
              onChange={(e) => setRange({ ...range, maxAmount: e.target.value })} />
            <button type="submit" className="btn btn-secondary">Filter</button>
          </form>
        </div>
        <DataTable columns={columns} rows={loans.data} rowKey={(l) => l.id} baseUrl={urls.index} query={query}
          sort={{ sort: filters.sort, direction: filters.direction }} empty="No loans match these filters." caption="Loans" />
        <Pagination meta={loans.metadata} baseUrl={urls.index} query={{ ...query, perPage: filters.perPage }} noun={['loan', 'loans']} />
      </section>
    </BackofficeLayout>
  )
}
