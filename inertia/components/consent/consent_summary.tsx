import type { PropsOf } from '~/types'
import type { consentPageProps } from '#controllers/consent/consent_page_props'

type Props = Pick<PropsOf<typeof consentPageProps>, 'partner' | 'consent'>

const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : null

/** What the partner asks for, in the customer's words: the permissions, until when, which period of history; or the payment */
export default function ConsentSummary({ partner, consent }: Props) {
  const from = day(consent.transactionsFrom)
  const to = day(consent.transactionsTo)
  const payment = consent.payment
  if (payment) {
    return (
      <div className="stack">
        <p>
          <strong>{partner.name}</strong> asks to make this payment from your account:
        </p>
        <dl className="consent-payment">
          <dt>Amount</dt>
          <dd>{payment.amount} {payment.currency}</dd>
          <dt>To</dt>
          <dd>{payment.payeeName ? `${payment.payeeName}, ` : ''}{payment.payeeAccount}</dd>
          {payment.reference && (
            <>
              <dt>Reference</dt>
              <dd>{payment.reference}</dd>
            </>
          )}
        </dl>
      </div>
    )
  }
  return (
    <div className="stack">
      <p>
        <strong>{partner.name}</strong> asks to see:
      </p>
      <ul className="consent-permissions">
        {consent.permissions.map((p) => (
          <li key={p.code}>{p.wording}</li>
        ))}
      </ul>
      {(from || to) && (
        <p className="muted">
          Transactions {from ? `from ${from}` : ''} {to ? `until ${to}` : ''}
        </p>
      )}
      {consent.expiresAt && <p className="muted">Access ends on {day(consent.expiresAt)} unless you stop it earlier.</p>}
    </div>
  )
}
