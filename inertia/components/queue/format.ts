/** '42 s', '3 min', '5 h', '2 d' (null: '—') */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—'
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)} h`
  return `${Math.floor(seconds / 86400)} d`
}

/** An ISO timestamp as 'YYYY-MM-DD HH:MM:SS' (UTC) */
export function when(iso: string | null): string {
  return iso ? iso.replace('T', ' ').slice(0, 19) : '—'
}
