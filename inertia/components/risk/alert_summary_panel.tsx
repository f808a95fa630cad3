import { Link } from '@inertiajs/react'
import { formatAmount } from '~/components/money'
import { AlertStatusBadge, SeverityBadge } from '~/components/risk/alert_badges'
import type { AlertPageProps } from '~/components/risk/alert_types'

/** What the alert is: typology, score, severity, status, assignee, age and what it is about */
export default function AlertSummaryPanel({ alert, account, heldPayment, urls }: Pick<AlertPageProps, 'alert' | 'account' | 'heldPayment' | 'urls'>) {
  return (
    <section className="card" aria-labelledby="alert-summary">
      <div className="card-header">
        <h2 id="alert-summary">{alert.typologyName}</h2>
        <AlertStatusBadge status={alert.status} />
      </div>
      <dl className="details">
        <dt>Typology</dt>
        <dd>{alert.typologyName} <span className="subtle">({alert.typologyKind === 'fraud' ? 'fraud' : 'money laundering'})</span></dd>
        <dt>Score</dt>
        <dd className="num">{alert.score}</dd>
        <dt>Severity</dt>
        <dd><SeverityBadge severity={alert.severity} /></dd>
        <dt>Status</dt>
        <dd>{alert.status}</dd>
        <dt>Assignee</dt>
        <dd>{alert.assignee ? alert.assignee.fullName : 'Unassigned'}</dd>
        <dt>Raised</dt>
        <dd><time dateTime={alert.createdAt ?? undefined}>{alert.createdAt}</time> ({alert.age} ago)</dd>
        {alert.closedAt && (
          <>
            <dt>Closed</dt>
            <dd><time dateTime={alert.closedAt}>{alert.closedAt}</time></dd>
          </>
        )}
        <dt>Customer</dt>
        <dd><Link href={urls.customer}>{alert.customer ? `${alert.customer.fullName} (${alert.customer.number})` : `#${alert.subject.customerId}`}</Link></dd>
        {account && urls.account && (
          <>
            <dt>Account</dt>
            <dd><Link href={urls.account} className="mono">{account.number}</Link> · {account.status} · available {formatAmount(account.available)}</dd>
          </>
        )}
        {urls.transaction && (
          <>
            <dt>Transaction</dt>
            <dd><Link href={urls.transaction}>#{alert.subject.transactionId}</Link></dd>
          </>
        )}
        {heldPayment && (
          <>
            <dt>Held payment</dt>
            <dd>
              #{heldPayment.id}: {formatAmount(heldPayment.amount)} from <span className="mono">{heldPayment.debtorAccountNumber}</span> to{' '}
              <span className="mono">{heldPayment.creditorAccountNumber}</span>
              {heldPayment.reference ? ` (“${heldPayment.reference}”)` : ''} · <strong>{heldPayment.status}</strong>
            </dd>
          </>
        )}
        <dt>Configuration</dt>
        <dd>version {alert.configurationVersion}</dd>
      </dl>
    </section>
  )
}
