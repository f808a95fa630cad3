import { router } from '@inertiajs/react'
import StatusBadge from '~/components/status_badge'
import type { Data } from '~/types'

function formatAddress(address: NonNullable<Data.CustomerPii['address']> | null) {
  if (!address) return '—'
  return [address.line1, address.line2, address.city, address.postcode, address.country].filter(Boolean).join(', ')
}

/**
 * A customer's profile: the sensitive identifiers masked, or in clear right
 * after an audited reveal (the "Reveal identifiers" button, for the roles
 * that may).
 */
export default function ProfilePanel({ customer, revealed, canViewPii, revealUrl }: {
  customer: Data.CustomerProfile
  revealed: Data.CustomerPii | null
  canViewPii: boolean
  revealUrl: string
}) {
  const reveal = () => router.post(revealUrl, {}, { preserveScroll: true })
  const pii = revealed ? 'pii-revealed' : 'pii-masked'
  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card-header">
        <h2 id="profile-title">Profile</h2>
        {canViewPii && !revealed && (
          <button type="button" className="btn btn-secondary btn-small" onClick={reveal}>
            Reveal identifiers
          </button>
        )}
      </div>
      <dl className="details">
        <dt>Email</dt>
        <dd>{customer.email}</dd>
        <dt>Status</dt>
        <dd><StatusBadge status={customer.status} /></dd>
        <dt>Phone</dt>
        <dd className={pii}>{(revealed ? revealed.phone : customer.masked.phone) ?? '—'}</dd>
        <dt>Date of birth</dt>
        <dd className={pii}>{(revealed ? revealed.dateOfBirth : customer.masked.dateOfBirth) ?? '—'}</dd>
        <dt>National id</dt>
        <dd className={pii}>{(revealed ? revealed.nationalId : customer.masked.nationalId) ?? '—'}</dd>
        <dt>Address</dt>
        <dd className={pii}>{revealed ? formatAddress(revealed.address) : (customer.masked.address ?? '—')}</dd>
        <dt>Customer since</dt>
        <dd>{(customer.createdAt ?? '').slice(0, 10)}</dd>
      </dl>
      {revealed && <p className="subtle pii-note">Shown once; this view was recorded in the audit trail.</p>}
    </section>
  )
}
