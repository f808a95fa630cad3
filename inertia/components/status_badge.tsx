const TONES: Record<string, string> = {
  active: 'badge-success',
  verified: 'badge-success',
  approved: 'badge-success',
  ok: 'badge-success',
  pending: 'badge-warning',
  frozen: 'badge-warning',
  suspended: 'badge-warning',
  rejected: 'badge-danger',
  closed: 'badge-danger',
  inactive: 'badge-danger',
  broken: 'badge-danger',
}

/** A status word in its colour (active, pending, frozen, rejected ...) */
export default function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge ${TONES[status] ?? ''}`}>{label ?? status.replaceAll('_', ' ')}</span>
}
