import { useState, type FormEvent } from 'react'
import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import EmptyState from '~/components/empty_state'
import StatusBadge from '~/components/status_badge'
import { SelectField } from '~/components/fields'
import type { Data, InertiaProps, Paginated } from '~/types'

type CustomerRow = Data.CustomerRow

type Props = InertiaProps<{
  customers: Paginated<CustomerRow>
  filters: { q: string; kyc: string; sort: string; direction: 'asc' | 'desc'; perPage: number }
  can: { create: boolean }
  urls: { index: string; create: string }
}>

const KYC_OPTIONS = [
  { value: '', label: 'Any KYC status' },
  { value: 'pending', label: 'Pending' },
  { value: 'verified', label: 'Verified' },
  { value: 'rejected', label: 'Rejected' },
]

const columns: Column<CustomerRow>[] = [
  {
    key: 'name',
    label: 'Customer',
    /* names are encrypted at rest: the server cannot sort by them */
    sortable: false,
    render: (c) => (
      <>
        <Link href={c.url} className="customer-name">
          {c.fullName}
        </Link>
        <div className="subtle">{c.email}</div>
      </>
    ),
  },
  { key: 'number', label: 'Customer no.', sortable: true, render: (c) => <span className="mono">{c.customerNumber}</span> },
  {
    key: 'accounts',
    label: 'Accounts',
    render: (c) =>
      c.accountNumbers.length === 0 ? (
        <span className="subtle">None</span>
      ) : (
        <span className="mono">{c.accountNumbers.join(', ')}</span>
      ),
  },
  { key: 'kyc', label: 'KYC', render: (c) => <StatusBadge status={c.kycStatus} /> },
  { key: 'created', label: 'Created', sortable: true, render: (c) => (c.createdAt ?? '').slice(0, 10) },
]

export default function CustomersIndex({ customers, filters, can, urls }: Props) {
  const [q, setQ] = useState(filters.q)
  const [kyc, setKyc] = useState(filters.kyc)
  const query = { q: filters.q, kyc: filters.kyc, sort: filters.sort, direction: filters.direction, perPage: filters.perPage }

  const search = (event: FormEvent) => {
    event.preventDefault()
    router.get(urls.index, { ...query, q: q || undefined, kyc: kyc || undefined, page: undefined }, { preserveState: true, replace: true })
  }

  return (
    <BackofficeLayout>
      <Head title="Customers" />
      <PageHeader
        title="Customers"
        description="Search by whole words of a name, an exact email or national id, a customer number (its start) or an account number. Names are encrypted at rest, so the list sorts by customer number or creation date, not by name."
        actions={can.create && <Link className="btn" href={urls.create}>New customer</Link>}
      />
      <section className="card">
        <form className="filters" onSubmit={search} role="search">
          <div className="field">
            <label htmlFor="field-q">Search</label>
            <input id="field-q" className="input" type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <SelectField label="KYC status" name="kyc" value={kyc} options={KYC_OPTIONS} onChange={(e) => setKyc(e.target.value)} />
          <button type="submit" className="btn">
            Apply
          </button>
        </form>
        <DataTable
          columns={columns}
          rows={customers.data}
          rowKey={(c) => c.id}
          baseUrl={urls.index}
          query={query}
          sort={{ sort: filters.sort, direction: filters.direction }}
          caption="Customers"
          empty={
            <EmptyState title={filters.q || filters.kyc ? 'No customers match these filters.' : 'No customers yet.'}>
              {can.create && <Link href={urls.create}>Create the first customer</Link>}
            </EmptyState>
          }
        />
        <Pagination meta={customers.metadata} baseUrl={urls.index} query={query} noun={['customer', 'customers']} />
      </section>
    </BackofficeLayout>
  )
}
