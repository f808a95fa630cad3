import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import { SelectField } from '~/components/fields'
import { AlertStatusBadge, SeverityBadge } from '~/components/risk/alert_badges'
import type { Data, InertiaProps, Paginated } from '~/types'

type AlertRow = Data.RiskAlert

type Filters = {
  status: string
  severity: string
  typology: string
  assignee: string
  age: string
  sort: string
  direction: 'asc' | 'desc'
  perPage: number
}

type Props = InertiaProps<{
  alerts: Paginated<AlertRow>
  filters: Filters
  options: {
    severities: string[]
    ages: string[]
    typologies: Array<{ value: string; label: string }>
    assignees: Array<{ id: number; fullName: string; email: string }>
  }
  urls: { index: string }
}>

const STATUS_OPTIONS = [
  { value: 'active', label: 'Open and investigating' },
  { value: 'open', label: 'Open' },
  { value: 'investigating', label: 'Investigating' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'escalated', label: 'Escalated' },
  { value: 'all', label: 'All' },
]

const AGE_LABELS: Record<string, string> = { '24h': 'Older than 24 h', '3d': 'Older than 3 days', '7d': 'Older than 7 days', '30d': 'Older than 30 days' }

/** The compliance queue: oldest-high-first by default, filtered and paginated on the server */
export default function RiskAlertsIndex({ alerts, filters, options, urls }: Props) {
  const query = {
    status: filters.status, severity: filters.severity, typology: filters.typology, assignee: filters.assignee,
    age: filters.age, sort: filters.sort, direction: filters.direction,
  }
  const filter = (name: keyof typeof query, value: string) => {
    const next = Object.fromEntries(Object.entries({ ...query, [name]: value }).filter(([, v]) => v !== ''))
    router.get(urls.index, next, { preserveState: true, replace: true })
  }
  const columns: Column<AlertRow>[] = [
    { key: 'priority', label: 'Severity', sortable: true, render: (a) => <SeverityBadge severity={a.severity} /> },
    { key: 'typology', label: 'Typology', render: (a) => <Link href={a.url}>{a.typologyName}</Link> },
    { key: 'customer', label: 'Customer', render: (a) => a.customer?.fullName ?? '—' },
    { key: 'score', label: 'Score', sortable: true, align: 'right', render: (a) => a.score },
    { key: 'status', label: 'Status', render: (a) => <AlertStatusBadge status={a.status} /> },
    { key: 'assignee', label: 'Assignee', render: (a) => a.assignee?.fullName ?? 'Unassigned' },
    { key: 'created_at', label: 'Age', sortable: true, render: (a) => <time dateTime={a.createdAt ?? undefined} title={a.createdAt ?? undefined}>{a.age}</time> },
    { key: 'action', label: '', align: 'right', render: (a) => <Link className="btn btn-small btn-secondary" href={a.url}>Open #{a.id}</Link> },
  ]

  return (
    <BackofficeLayout>
      <Head title="Alerts" />
      <PageHeader
        title="Alerts"
        description="The compliance queue: what the anomaly rules raised, most severe and oldest first."
      />
      <section className="card">
        <div className="filters">
          <SelectField label="Status" name="status" value={filters.status} options={STATUS_OPTIONS}
            onChange={(e) => filter('status', e.target.value)} />
          <SelectField label="Severity" name="severity" value={filters.severity}
            options={[{ value: '', label: 'Any severity' }, ...options.severities.map((s) => ({ value: s, label: s }))]}
            onChange={(e) => filter('severity', e.target.value)} />
          <SelectField label="Typology" name="typology" value={filters.typology}
            options={[{ value: '', label: 'Any typology' }, ...options.typologies]}
            onChange={(e) => filter('typology', e.target.value)} />
          <SelectField label="Assignee" name="assignee" value={filters.assignee}
            options={[
              { value: '', label: 'Anyone' }, { value: 'me', label: 'Me' }, { value: 'unassigned', label: 'Unassigned' },
              ...options.assignees.map((s) => ({ value: String(s.id), label: s.fullName })),
            ]}
            onChange={(e) => filter('assignee', e.target.value)} />
          <SelectField label="Age" name="age" value={filters.age}
            options={[{ value: '', label: 'Any age' }, ...options.ages.map((a) => ({ value: a, label: AGE_LABELS[a] ?? a }))]}
            onChange={(e) => filter('age', e.target.value)} />
        </div>
        <DataTable
          columns={columns}
          rows={alerts.data}
          rowKey={(a) => a.id}
          baseUrl={urls.index}
          query={query}
          sort={{ sort: filters.sort, direction: filters.direction }}
          empty="No alerts match these filters."
          caption="Alerts"
        />
        <Pagination meta={alerts.metadata} baseUrl={urls.index} query={{ ...query, perPage: filters.perPage }} noun={['alert', 'alerts']} />
      </section>
    </BackofficeLayout>
  )
}
