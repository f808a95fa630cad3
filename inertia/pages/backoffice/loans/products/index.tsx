import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import StatusBadge from '~/components/status_badge'
import { principalRange, termRange } from '~/components/loans/product_terms_list'
import type { LoanProductRow, PendingProductChanges } from '~/components/loans/product_types'
import type { loanProductPageCan } from '#controllers/backoffice/loan_product_page_props'
import type { InertiaProps, Paginated } from '~/types'

type Props = InertiaProps<{
  products: Paginated<LoanProductRow>
  filters: { status: string }
  pending: PendingProductChanges
  can: Awaited<ReturnType<typeof loanProductPageCan>>
  urls: { index: string; create: string }
}>

const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active (offered)' },
  { value: 'retired', label: 'Retired' },
]

/** Loan products with their current terms; changes need a second administrator */
export default function LoanProductsIndex({ products, filters, pending, can, urls }: Props) {
  const filter = (status: string) => router.get(urls.index, status ? { status } : {}, { preserveState: true, replace: true })
  const columns: Column<LoanProductRow>[] = [
    { key: 'code', label: 'Code', render: (p) => <Link href={p.url} className="mono">{p.code}</Link> },
    { key: 'name', label: 'Name', render: (p) => p.terms?.name ?? '—' },
    { key: 'currency', label: 'Currency', render: (p) => p.terms?.currency ?? '—' },
    { key: 'rate', label: 'Rate', align: 'right', render: (p) => (p.terms ? `${p.terms.annualRate}%` : '—') },
    { key: 'term', label: 'Term', render: (p) => (p.terms ? termRange(p.terms) : '—') },
    { key: 'principal', label: 'Principal', align: 'right', render: (p) => (p.terms ? principalRange(p.terms) : '—') },
    { key: 'status', label: 'Status', render: (p) => <StatusBadge status={p.status} /> },
    { key: 'version', label: 'Version', align: 'right', render: (p) => p.version ?? '—' },
  ]

  return (
    <BackofficeLayout>
      <Head title="Loan products" />
      <PageHeader
        title="Loan products"
        description="What the bank lends, on which terms. A new product or a change is published only when a second administrator approves it; existing loans keep their terms."
        actions={can.manage && <Link href={urls.create} className="btn">New product</Link>}
      />
      {pending.length > 0 && (
        <section className="card">
          <div className="card-header"><h2>Changes waiting for approval</h2></div>
          <ul className="card-body">
            {pending.map((p) => (
              <li key={p.id}><Link href={p.url}>#{p.id}</Link> {p.summary} <span className="subtle">({p.maker})</span></li>
            ))}
          </ul>
        </section>
      )}
      <section className="card">
        <div className="filters toolbar">
          <select className="input" name="status" aria-label="Status" value={filters.status} onChange={(e) => filter(e.target.value)}>
            {STATUSES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </div>
        <DataTable
          columns={columns}
          rows={products.data}
          rowKey={(p) => p.id}
          empty={filters.status ? 'No product has this status.' : 'No loan product yet.'}
          caption="Loan products"
        />
        <Pagination meta={products.metadata} baseUrl={urls.index} query={{ status: filters.status }} noun={['product', 'products']} />
      </section>
    </BackofficeLayout>
  )
}
