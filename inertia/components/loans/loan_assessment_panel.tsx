import StatusBadge from '~/components/status_badge'
import { formatAmount } from '~/components/money'
import type { LoanPageProps } from '~/components/loans/loan_types'

const OUTCOME: Record<string, string> = { pass: 'active', warn: 'pending', fail: 'rejected' }
const RECOMMENDATION: Record<string, string> = { approve: 'approved', refer: 'pending', decline: 'rejected' }

/** The assessment made on submission: each check's outcome and reason, and the recommendation (advice only) */
export default function LoanAssessmentPanel({ assessment }: Pick<LoanPageProps, 'assessment'>) {
  return (
    <section className="card" aria-labelledby="loan-assessment">
      <div className="card-header">
        <h2 id="loan-assessment">Assessment</h2>
        {assessment && <StatusBadge status={RECOMMENDATION[assessment.recommendation] ?? ''} label={`Recommendation: ${assessment.recommendation}`} />}
      </div>
      {!assessment ? <p className="card-body subtle">No assessment was stored for this application.</p> : (
        <>
          <p className="card-body">
            Debt to income {assessment.debtToIncome ?? 'unknown (no income)'} (limit {assessment.maxDebtToIncome}); proposed monthly
            instalment {formatAmount(assessment.proposedMonthlyInstalment)}. The recommendation advises; the officer decides.
          </p>
          <table className="table">
            <thead><tr><th>Check</th><th>Outcome</th><th>Reason</th></tr></thead>
            <tbody>
              {assessment.checks.map((c) => (
                <tr key={c.code}>
                  <td>{c.code.replaceAll('_', ' ')}</td>
                  <td><StatusBadge status={OUTCOME[c.outcome] ?? ''} label={c.outcome} /></td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
