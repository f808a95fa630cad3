import StatusBadge from '~/components/status_badge'

/** UK Open Banking consent statuses in words, coloured like the rest of the backoffice */
const CONSENT_STATUSES: Record<string, { tone: string; label: string }> = {
  AWAU: { tone: 'pending', label: 'awaiting authorisation' },
  AUTH: { tone: 'active', label: 'authorised' },
  RJCT: { tone: 'rejected', label: 'rejected' },
  COND: { tone: 'closed', label: 'consumed' },
  CANC: { tone: 'inactive', label: 'revoked' },
  EXPD: { tone: 'closed', label: 'expired' },
}

/** A consent's effective status (an authorised consent past its expiry shows as expired), with its code */
export default function ConsentStatus({ status, effectiveStatus }: { status: string; effectiveStatus: string }) {
  const shown = CONSENT_STATUSES[effectiveStatus] ?? { tone: '', label: effectiveStatus }
  return (
    <>
      <StatusBadge status={shown.tone} label={shown.label} /> <span className="mono subtle">{effectiveStatus}</span>
      {status !== effectiveStatus && <span className="subtle"> (stored {status})</span>}
    </>
  )
}
