import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { queryString, type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import StatusBadge from '~/components/status_badge'
import { SelectField } from '~/components/fields'
import type { Data, InertiaProps, Paginated } from '~/types'

type ApprovalRow = Data.Approval
type Status = ApprovalRow['status']

type Props = InertiaProps<{
  approvals: Paginated<ApprovalRow>
  filters: { status: Status; kind: string; sort: string; direction: 'asc' | 'desc'; perPage: number }
  counts: Record<Status, number>
  kinds: Array<{ value: string; label: string }>
  urls: { index: string }
}>

const TABS: Array<{ status: Status; label: string }> = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'rejected', label: 'Rejected' },
]

/** The four-eyes inbox: one tab per status, filter by kind, sorted and paginated on the server */
export default function ApprovalsIndex({ approvals, filters, counts, kinds, urls }: Props) {
  const query = { status: filters.status, kind: filters.kind, sort: filters.sort, direction: filters.direction }
  const columns: Column<ApprovalRow>[] = [
    { key: 'kind', label: 'Kind', sortable: true, render: (a) => a.kindLabel },
    { key: 'summary', label: 'Summary', render: (a) => <Link href={a.url}>{a.summary}</Link> },
    { key: 'maker', label: 'Maker', render: (a) => a.maker?.fullName ?? '—' },
    { key: 'created_at', label: 'Age', sortable: true, render: (a) => <time dateTime={a.createdAt ?? undefined} title={a.createdAt ?? undefined}>{a.age}</time> },
    ...(filters.status === 'pending'
      ? []
      : [{ key: 'decided_at', label: 'Decided by', sortable: true, render: (a: ApprovalRow) => a.checker?.fullName ?? '—' }]),
    { key: 'status', label: 'Status', render: (a) => <StatusBadge status={a.status} /> },
    {
      key: 'action',
      label: '',
      align: 'right',
      render: (a) => (
        <Link className={`btn btn-small ${a.can.decide ? '' : 'btn-secondary'}`} href={a.url}>
          {a.can.decide ? 'Review' : 'View'}
        </Link>
      ),
    },
  ]

  return (
    <BackofficeLayout>
      <Head title="Approvals" />
      <PageHeader
        title="Approvals"
        description="Four-eyes requests: a different staff member approves or rejects what a colleague asked for."
      />
      <section className="card">
        <nav className="tabs" aria-label="Approval status">
          {TABS.map((tab) => (
            <Link
              key={tab.status}
              className={`tab ${filters.status === tab.status ? 'active' : ''}`}
              aria-current={filters.status === tab.status ? 'page' : undefined}
              href={`${urls.index}${queryString({ status: tab.status, kind: filters.kind })}`}
            >
              {tab.label} <span className="tab-count">{counts[tab.status]}</span>
            </Link>
          ))}
        </nav>
        <div className="filters">
          <SelectField
            label="Kind"
            name="kind"
            value={filters.kind}
            options={[{ value: '', label: 'All kinds' }, ...kinds]}
            onChange={(e) =>
              router.get(urls.index, { status: filters.status, ...(e.target.value ? { kind: e.target.value } : {}) }, {
                preserveState: true,
                replace: true,
              })
            }
          />
        </div>
        <DataTable
          columns={columns}
          rows={approvals.data}
          rowKey={(a) => a.id}
          baseUrl={urls.index}
          query={query}
          sort={{ sort: filters.sort, direction: filters.direction }}
          empty={`No ${filters.status} approvals.`}
          caption="Approvals"
        />
        <Pagination meta={approvals.metadata} baseUrl={urls.index} query={{ ...query, perPage: filters.perPage }} noun={['approval', 'approvals']} />
      </section>
    </BackofficeLayout>
  )
}
