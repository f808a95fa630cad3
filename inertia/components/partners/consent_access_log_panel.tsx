import { Link } from '@inertiajs/react'
import DataTable, { type Column } from '~/components/data_table'
import Pagination from '~/components/pagination'
import ConsentStatus from '~/components/partners/consent_status'
import type { PartnerPageProps } from '~/components/partners/partner_types'

type AccessLog = NonNullable<PartnerPageProps['accessLog']>
type Line = AccessLog['data'][number]
type Consent = NonNullable<PartnerPageProps['chosenConsent']>

/** Every request the partner made under one consent (reads and payments), newest first */
export default function ConsentAccessLogPanel({
  consent,
  accessLog,
  filters,
  urls,
}: Pick<PartnerPageProps, 'filters' | 'urls'> & { consent: Consent; accessLog: AccessLog }) {
  const columns: Column<Line>[] = [
    { key: 'at', label: 'Time', render: (l) => new Date(l.at).toLocaleString() },
    { key: 'method', label: 'Method', render: (l) => <span className="mono">{l.method}</span> },
    { key: 'route', label: 'Route', render: (l) => <span className="mono">{l.route}</span> },
    { key: 'path', label: 'Path', render: (l) => <span className="mono">{l.path}</span> },
    { key: 'status', label: 'Status', align: 'right', render: (l) => l.status },
    { key: 'request', label: 'Request id', render: (l) => <span className="mono hash">{l.requestId ?? '—'}</span> },
    { key: 'interaction', label: 'Interaction id', render: (l) => <span className="mono hash">{l.interactionId ?? '—'}</span> },
  ]
  return (
    <section className="card" aria-labelledby="consent-access-log">
      <div className="card-header">
        <h2 id="consent-access-log">Access log of <span className="mono">{consent.id}</span></h2>
        <Link href={`${urls.show}?page=${filters.page}`} preserveScroll className="btn btn-small btn-secondary">Close</Link>
      </div>
      <div className="card-body">
        <ConsentStatus status={consent.status} effectiveStatus={consent.effectiveStatus} />
        {consent.customer && <> · <Link href={consent.customer.url}>{consent.customer.fullName ?? `#${consent.customer.id}`}</Link></>}
      </div>
      <DataTable columns={columns} rows={accessLog.data} rowKey={(l) => l.id} empty="The partner has not used this consent." caption="Access log" />
      <Pagination
        meta={accessLog.metadata}
        baseUrl={urls.show}
        query={{ page: filters.page, consent: consent.id }}
        pageParam="log_page"
        noun={['request', 'requests']}
      />
    </section>
  )
}
