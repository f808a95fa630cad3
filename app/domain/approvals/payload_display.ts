import { Money } from '#domain/money/money'
import { isSupportedCurrency } from '#domain/money/currencies'
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '#domain/staff/permissions'
import { ppmToPercent } from '#domain/loans/rates'

export interface PayloadLine {
  label: string
  value: string
}

/**
 * Keys holding minor units: amounts, and a loan's principal (a 'loans.approval' shows customer, principal, product),
 * interest, fees and penalties (a 'loans.write_off' or 'loans.repayment_reversal': outstandingPrincipal, unpaidFees)
 */
const MINOR_KEY = /(^|_)(amount|minor|principal|interest|fees?|penalty|penalties)(_|$)|Minor$|Principal$|Interest$|Fees$|Penalties$|^amount/i
const ROLE_KEY = /^(role|from_?role|to_?role)$/i
/** a rate or ratio in parts per million (loan products: annualRatePpm) */
const PPM_KEY = /.(Ppm|_ppm)$/

/** 'destination_account_id' → 'Destination account id' */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll(/[_.]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * An approval's payload as labelled lines for the inbox (pure). Nested
 * objects are flattened with their path; a minor-unit amount next to a
 * `currency` is shown as a decimal with its currency (payloads carry money
 * as minor-unit strings, never floats); a staff role (role, fromRole,
 * toRole) is shown by its label, "Administrator (admin)"; a rate in parts
 * per million (annualRatePpm: "99000") as a percentage, "Annual rate: 9.9%".
 */
export function payloadLines(payload: unknown, prefix = ''): PayloadLine[] {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return [{ label: prefix || 'Value', value: scalar(payload) }]
  }
  const record = payload as Record<string, unknown>
  const currency = typeof record.currency === 'string' && isSupportedCurrency(record.currency) ? record.currency : null
  const lines: PayloadLine[] = []
  for (const [key, value] of Object.entries(record)) {
    const label = prefix ? `${prefix} › ${humanizeKey(key)}` : humanizeKey(key)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      lines.push(...payloadLines(value, label))
    } else if (ROLE_KEY.test(key) && STAFF_ROLES.includes(value as StaffRole)) {
      lines.push({ label, value: `${ROLE_LABELS[value as StaffRole]} (${value})` })
    } else if (PPM_KEY.test(key) && /^\d+$/.test(String(value))) {
      lines.push({ label: label.replace(/ ppm$/, ''), value: `${ppmToPercent(BigInt(String(value)))}%` })
    } else if (currency && MINOR_KEY.test(key) && /^-?\d+$/.test(String(value))) {
      lines.push({ label, value: `${Money.fromMinorString(String(value), currency).toDecimalString()} ${currency}` })
    } else {
      lines.push({ label, value: scalar(value) })
    }
  }
  return lines
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (Array.isArray(value)) return value.map(scalar).join(', ')
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return String(value)
}
