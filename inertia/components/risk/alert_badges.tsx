const SEVERITY_TONES: Record<string, string> = {
  critical: 'badge-danger',
  high: 'badge-danger',
  medium: 'badge-warning',
  low: '',
}

const STATUS_TONES: Record<string, string> = {
  open: 'badge-warning',
  investigating: 'badge-warning',
  dismissed: 'badge-success',
  confirmed: 'badge-danger',
  escalated: 'badge-danger',
}

/** An alert's severity in its colour */
export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge ${SEVERITY_TONES[severity] ?? ''}`}>{severity}</span>
}

/** An alert's status in its colour */
export function AlertStatusBadge({ status }: { status: string }) {
  return <span className={`badge ${STATUS_TONES[status] ?? ''}`}>{status}</span>
}
