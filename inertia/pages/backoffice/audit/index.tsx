import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import ChainStatus, { type Chain } from '~/components/audit/chain_status'
import AuditFiltersForm, { FILTER_FIELDS, type AuditFilters } from '~/components/audit/audit_filters'
import KeysetPagination from '~/components/audit/keyset_pagination'
import { actorText } from '~/components/audit/actor'
import type { Data, InertiaProps } from '~/types'

type Props = InertiaProps<{
  events: Data.AuditEvent[]
  cursors: { newer: number | null; older: number | null }
  filters: AuditFilters
  chain: Chain
  can: { verify: boolean }
  urls: { index: string; verify: string }
}>

const COLUMNS: Column<Data.AuditEvent>[] = [
  { key: 'id', label: '#', render: (e) => <Link href={e.url}>{e.id}</Link> },
  { key: 'occurredAt', label: 'When (UTC)', render: (e) => <time dateTime={e.occurredAt ?? undefined}>{(e.occurredAt ?? '').replace('T', ' ').slice(0, 19)}</time> },
  { key: 'actor', label: 'Actor', render: (e) => actorText(e.actor) },
  { key: 'action', label: 'Action', render: (e) => <span className="mono">{e.action}</span> },
  { key: 'subject', label: 'Subject', render: (e) => (e.subject ? `${e.subject.type} ${e.subject.id ?? ''}` : '—') },
  { key: 'ip', label: 'IP', render: (e) => e.ip ?? '—' },
]

/** The audit trail, newest first, filtered and paginated on the server (keyset) */
export default function AuditIndex({ events, cursors, filters, chain, can, urls }: Props) {
  const active = Object.fromEntries(FILTER_FIELDS.map((f) => [f, filters[f]]))
  return (
    <BackofficeLayout>
      <Head title="Audit trail" />
      <PageHeader title="Audit trail" description="Every staff action, authentication and API write; append-only and hash-chained." />
      <ChainStatus chain={chain} canVerify={can.verify} verifyUrl={urls.verify} />
      <section className="card">
        <AuditFiltersForm filters={filters} url={urls.index} />
        <DataTable columns={COLUMNS} rows={events} rowKey={(e) => e.id} empty="No audit events match these filters." caption="Audit events" />
        <KeysetPagination cursors={cursors} url={urls.index} query={active} perPage={filters.perPage} />
      </section>
    </BackofficeLayout>
  )
}
