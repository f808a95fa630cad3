import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import StatusBadge from '~/components/status_badge'
import type { partnerPageCan, pendingPartnerRegistrations } from '#controllers/backoffice/partner_page_props'
import type { Data, InertiaProps, Paginated, Serialized } from '~/types'

type Partner = Data.Partner

type Props = InertiaProps<{
  partners: Paginated<Partner>
  filters: { status: string; perPage: number }
  pendingRegistrations: Serialized<Awaited<ReturnType<typeof pendingPartnerRegistrations>>>
  can: Awaited<ReturnType<typeof partnerPageCan>>
  urls: { index: string; create: string }
}>

const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
]

/** Partner fintechs (OAuth clients of the authorization server), newest first */
export default function PartnersIndex({ partners, filters, pendingRegistrations, can, urls }: Props) {
  const query = { status: filters.status, perPage: filters.perPage }
  const filter = (status: string) =>
    router.get(urls.index, status ? { status, perPage: filters.perPage } : { perPage: filters.perPage }, { preserveState: true, replace: true })

  const columns: Column<Partner>[] = [
    {
      key: 'name',
      label: 'Partner',
      render: (p) => (
        <>
          <Link href={p.url}>{p.name}</Link>
          <div className="subtle mono">{p.clientId}</div>
        </>
      ),
    },
    { key: 'status', label: 'Status', render: (p) => <StatusBadge status={p.status} /> },
    { key: 'scopes', label: 'Scopes', render: (p) => p.scopes.join(', ') },
    { key: 'tier', label: 'Rate tier', render: (p) => p.rateTier },
    { key: 'consents', label: 'Authorised consents', align: 'right', render: (p) => p.authorisedConsents },
    { key: 'created', label: 'Registered', render: (p) => (p.createdAt ? new Date(p.createdAt).toLocaleString() : '—') },
  ]

  return (
    <BackofficeLayout>
      <Head title="Partners" />
      <PageHeader
        title="Partners"
        description="Third-party providers using the open-banking API. Registering and reactivating a partner need a second administrator."
        actions={can.register && <Link href={urls.create} className="btn">Register partner</Link>}
      />
      {pendingRegistrations.length > 0 && (
        <section className="card">
          <div className="card-header"><h2>Registrations waiting for approval</h2></div>
          <div className="card-body">
            <ul>
              {pendingRegistrations.map((r) => (
                <li key={r.id}><Link href={r.url}>{r.summary}</Link> <span className="subtle">requested {new Date(r.createdAt ?? '').toLocaleString()}</span></li>
              ))}
            </ul>
          </div>
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
          rows={partners.data}
          rowKey={(p) => p.id}
          empty={filters.status ? 'No partner has this status.' : 'No partner is registered yet.'}
          caption="Partners"
        />
        <Pagination meta={partners.metadata} baseUrl={urls.index} query={query} noun={['partner', 'partners']} />
      </section>
    </BackofficeLayout>
  )
}
