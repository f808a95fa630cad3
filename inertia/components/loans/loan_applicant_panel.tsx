import { Link } from '@inertiajs/react'
import StatusBadge from '~/components/status_badge'
import { formatAmount } from '~/components/money'
import { statusWords, when, type LoanPageProps } from '~/components/loans/loan_types'

/** Who applied: KYC status, accounts with balances, other applications and loans */
export default function LoanApplicantPanel({ applicant, accounts, otherLoans, urls }: Pick<LoanPageProps, 'applicant' | 'accounts' | 'otherLoans' | 'urls'>) {
  return (
    <section className="card" aria-labelledby="loan-applicant">
      <div className="card-header">
        <h2 id="loan-applicant">Applicant</h2>
        <StatusBadge status={applicant.kycStatus} label={`KYC ${applicant.kycStatus}`} />
      </div>
      <div className="card-body stack">
      <p>
        <Link href={urls.customer}>{applicant.fullName}</Link> <span className="mono subtle">{applicant.customerNumber}</span>
      </p>
      <h3>Accounts</h3>
      {accounts.length === 0 ? <p className="subtle">No accounts.</p> : (
        <table className="table">
          <thead><tr><th>Account</th><th>Status</th><th className="num">Balance</th></tr></thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td><Link href={a.url} className="mono">{a.number}</Link> <span className="subtle">{a.kind}</span></td>
                <td><StatusBadge status={a.status} /></td>
                <td className="num">
                  {formatAmount(a.balance)}
                  {a.available.amount !== a.balance.amount && <><br /><span className="subtle">{formatAmount(a.available)} available</span></>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Other applications and loans</h3>
      {otherLoans.length === 0 ? <p className="subtle">None: this is the customer's first application.</p> : (
        <table className="table">
          <thead><tr><th>Loan</th><th className="num">Amount</th><th>Status</th><th>Submitted</th></tr></thead>
          <tbody>
            {otherLoans.map((l) => (
              <tr key={l.id}>
                <td><Link href={l.url}>#{l.id}</Link> <span className="subtle">{l.product}</span></td>
                <td className="num">{formatAmount(l.amount)}</td>
                <td><StatusBadge status={l.status} label={`${statusWords(l.status)}${l.daysPastDue > 0 ? ` (${l.daysPastDue} days past due)` : ''}`} /></td>
                <td>{when(l.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      </div>
    </section>
  )
}
