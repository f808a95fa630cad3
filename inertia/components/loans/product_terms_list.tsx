import { formatAmount } from '~/components/money'
import type { PresentedTerms } from '~/components/loans/product_types'

const FREQUENCY: Record<string, string> = { monthly: 'months', weekly: 'weeks' }

/** "500.00 GBP – 25,000.00 GBP" */
export function principalRange(t: PresentedTerms) {
  return `${formatAmount(t.minPrincipal)} – ${formatAmount(t.maxPrincipal)}`
}

/** "6–60 months" */
export function termRange(t: PresentedTerms) {
  return `${t.minTerm}–${t.maxTerm} ${FREQUENCY[t.frequency] ?? t.frequency}`
}

/** Every term of a version, as a definition list */
export default function ProductTermsList({ terms }: { terms: PresentedTerms }) {
  return (
    <dl className="details">
      <dt>Name</dt>
      <dd>{terms.name}</dd>
      <dt>Currency</dt>
      <dd>{terms.currency}</dd>
      <dt>Principal</dt>
      <dd className="num">{principalRange(terms)}</dd>
      <dt>Term</dt>
      <dd>{termRange(terms)} ({terms.frequency} instalments)</dd>
      <dt>Nominal annual rate</dt>
      <dd className="num">{terms.annualRate}%</dd>
      <dt>Amortisation</dt>
      <dd>{terms.amortisation === 'annuity' ? 'Annuity (equal instalments)' : 'Equal principal'}</dd>
      <dt>Origination fee</dt>
      <dd className="num">{terms.originationFee}% of the principal</dd>
      <dt>Late-payment penalty</dt>
      <dd className="num">{formatAmount(terms.latePenalty)} per missed instalment, after {terms.graceDays} grace day{terms.graceDays === 1 ? '' : 's'}</dd>
      <dt>Maximum debt-to-income</dt>
      <dd className="num">{terms.maxDebtToIncome}%</dd>
      <dt>Second officer above</dt>
      <dd className="num">{formatAmount(terms.secondApprovalAbove)}</dd>
      <dt>Repayment allocation</dt>
      <dd>{terms.allocationOrder.join(' → ')}</dd>
    </dl>
  )
}
