import { Link } from '@inertiajs/react'
import StatusBadge from '~/components/status_badge'
import { formatAmount } from '~/components/money'
import { statusWords, when } from '~/components/loans/loan_types'
import type { customerPageProps } from '#controllers/backoffice/customer_page_props'
import type { PropsOf } from '~/types'

type Loans = PropsOf<typeof customerPageProps>['loans']

/** The customer page's loans: every application and loan (links to the review page), and a new application at the branch */
export default function CustomerLoansPanel({ loans, newLoanUrl }: { loans: Loans; newLoanUrl: string | null }) {
  return (
    <section className="card" aria-labelledby="customer-loans">
      <div className="card-header">
        <h2 id="customer-loans">Loans</h2>
        {newLoanUrl && <Link className="btn btn-small" href={newLoanUrl}>New loan application</Link>}
      </div>
      {loans.length === 0 ? <p className="card-body subtle">No loan applications.</p> : (
        <table className="table">
          <thead><tr><th>Loan</th><th>Product</th><th className="num">Amount</th><th>Status</th><th>Submitted</th></tr></thead>
          <tbody>
            {loans.map((l) => (
              <tr key={l.id}>
                <td><Link href={l.url}>#{l.id}</Link></td>
                <td>{l.product}, {l.termCount} instalments</td>
                <td className="num">{formatAmount(l.amount)}</td>
                <td><StatusBadge status={l.status} label={statusWords(l.status)} /></td>
                <td>{when(l.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
