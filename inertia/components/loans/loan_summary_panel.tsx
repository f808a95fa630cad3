import { Link } from '@inertiajs/react'
import StatusBadge from '~/components/status_badge'
import { formatAmount } from '~/components/money'
import { when, type LoanPageProps } from '~/components/loans/loan_types'

/** The application and its terms: product, amount, fee, rate, term, purpose, declared income, who did what */
export default function LoanSummaryPanel({ loan, terms, approval, urls }: Pick<LoanPageProps, 'loan' | 'terms' | 'approval' | 'urls'>) {
  return (
    <section className="card" aria-labelledby="loan-terms">
      <div className="card-header">
        <h2 id="loan-terms">Application and terms</h2>
        <StatusBadge status={loan.status} />
      </div>
      <dl className="details">
        <dt>Product</dt>
        <dd>{terms.product}</dd>
        <dt>Amount</dt>
        <dd className="num">{formatAmount(terms.principal)}</dd>
        <dt>Origination fee</dt>
        <dd className="num">{formatAmount(terms.originationFee)} (paid out: {formatAmount(terms.netDisbursed)})</dd>
        <dt>Rate</dt>
        <dd>{terms.annualRate} a year, {terms.amortisation.replace('_', ' ')}</dd>
        <dt>Term</dt>
        <dd>{terms.termCount} {terms.frequency} instalments</dd>
        <dt>Purpose</dt>
        <dd>{loan.purpose ?? 'Erased'}</dd>
        <dt>Declared income</dt>
        <dd className="num">
          {terms.monthlyIncome === null || terms.monthlyObligations === null
            ? 'Erased with the applicant’s personal data'
            : `${formatAmount(terms.monthlyIncome)} a month, obligations ${formatAmount(terms.monthlyObligations)}`}
        </dd>
        <dt>Submitted</dt>
        <dd>{when(loan.submittedAt)} via {loan.channel}{loan.submittedBy ? ` by ${loan.submittedBy}` : ''}</dd>
        <dt>Reviewer</dt>
        <dd>{loan.reviewer ?? 'Not taken yet'}</dd>
        {loan.decidedBy && (
          <>
            <dt>Decided</dt>
            <dd>
              {when(loan.decidedAt)} by {loan.decidedBy}
              {loan.secondApprover ? `, second officer ${loan.secondApprover}` : ''}
              {loan.decisionReason ? ` — “${loan.decisionReason}”` : ''}
            </dd>
          </>
        )}
        <dt>Second officer</dt>
        <dd>{terms.needsSecondOfficer ? `Required: the amount is above ${formatAmount(terms.secondApprovalAbove)}` : `Not required (up to ${formatAmount(terms.secondApprovalAbove)})`}</dd>
        {approval && (
          <>
            <dt>Approval request</dt>
            <dd>
              <Link href={approval.url}>#{approval.id}</Link> by {approval.maker ?? '—'}:{' '}
              {approval.status === 'pending' && <strong>waiting for a second officer</strong>}
              {approval.status === 'approved' && `approved by ${approval.checker ?? '—'}`}
              {approval.status === 'rejected' &&
                `rejected by ${approval.checker ?? '—'}${approval.decisionReason ? ` (“${approval.decisionReason}”)` : ''}; the application is still under review`}
            </dd>
          </>
        )}
        {urls.disbursementTransaction && (
          <>
            <dt>Disbursed</dt>
            <dd>{when(loan.disbursedAt)} · <Link href={urls.disbursementTransaction}>transaction</Link></dd>
          </>
        )}
      </dl>
    </section>
  )
}
