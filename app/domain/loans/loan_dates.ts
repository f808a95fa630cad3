/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD') for loan schedules,
 * without time zones: a date is a UTC calendar day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** The day-count convention of schedules and pro-rata interest */
export const DAY_COUNT_CONVENTION =
  '30/360: a monthly period is 1/12 of a year and a weekly period 1/52, whatever its calendar days. ' +
  'Part of a monthly period counts 30E/360 days (day 31 counts as 30) out of 30; ' +
  'part of a weekly period counts calendar days out of 7.'

export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** Parses a real calendar date ('2026-02-30' is refused); null when invalid */
export function parseIsoDate(value: unknown): CalendarDate | null {
  if (typeof value !== 'string') return null
  const match = ISO_DATE.exec(value)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

export function isIsoDate(value: unknown): value is string {
  return parseIsoDate(value) !== null
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function format({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function required(value: string): CalendarDate {
  const date = parseIsoDate(value)
  if (!date) throw new RangeError(`Not an ISO calendar date: "${value}"`)
  return date
}

/** start + k months, on start's day of month clamped to the month's last day */
export function addMonthsClamped(start: string, months: number): string {
  const { year, month, day } = required(start)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = (index % 12) + 1
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) })
}

export function addDays(start: string, days: number): string {
  const { year, month, day } = required(start)
  const date = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS)
  return format({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() })
}

/** Calendar days from `from` to `to` (negative when `to` is earlier) */
export function daysBetween(from: string, to: string): number {
  const a = required(from)
  const b = required(to)
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS)
}

/** 30E/360 (Eurobond basis) days from `from` to `to`: day 31 counts as 30 */
export function days360(from: string, to: string): number {
  const a = required(from)
  const b = required(to)
  const d1 = Math.min(a.day, 30)
  const d2 = Math.min(b.day, 30)
  return (b.year - a.year) * 360 + (b.month - a.month) * 30 + (d2 - d1)
}
