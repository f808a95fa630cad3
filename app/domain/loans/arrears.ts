import { addDays, daysBetween, isIsoDate } from '#domain/loans/loan_dates'

/**
 * Arrears: days past due, delinquency buckets and penalty grace.
 *
 * - An instalment is unpaid while its principal, interest or fee is
 *   outstanding. An outstanding penalty alone does not keep a loan in
 *   arrears (a penalty never makes itself grow).
 * - Days past due as of a date: calendar days from the due date of the
 *   oldest unpaid instalment to that date; 0 when nothing is overdue (an
 *   instalment due today is not yet overdue).
 * - Penalty: applies from the day after the grace period, i.e. once days
 *   past due exceed graceDays (due 1 Jan, 5 grace days → from 7 Jan).
 */

export interface ArrearsInstalment {
  dueDate: string
  principal: bigint
  interest: bigint
  fee?: bigint
  penalty?: bigint
}

export interface DelinquencyBucket {
  code: string
  /** First day past due in the bucket (≥ 1) */
  from: number
  /** Last day, inclusive; null for the open-ended last bucket */
  to: number | null
}

export const DEFAULT_DELINQUENCY_BUCKETS: readonly DelinquencyBucket[] = [
  { code: '1-30', from: 1, to: 30 },
  { code: '31-60', from: 31, to: 60 },
  { code: '61-90', from: 61, to: 90 },
  { code: '90+', from: 91, to: null },
]

export class InvalidBucketConfigurationError extends Error {
  code = 'E_INVALID_BUCKET_CONFIGURATION'
}

export function isUnpaid(instalment: ArrearsInstalment): boolean {
  return instalment.principal + instalment.interest + (instalment.fee ?? 0n) > 0n
}

/** Days past due of the oldest unpaid instalment as of `asOf`; 0 when none is overdue */
export function daysPastDue(instalments: readonly ArrearsInstalment[], asOf: string): number {
  if (!isIsoDate(asOf)) throw new RangeError(`Not an ISO calendar date: "${asOf}"`)
  let oldest: string | null = null
  for (const instalment of instalments) {
    if (isUnpaid(instalment) && instalment.dueDate < asOf && (oldest === null || instalment.dueDate < oldest)) {
      oldest = instalment.dueDate
    }
  }
  return oldest === null ? 0 : daysBetween(oldest, asOf)
}

/**
 * Buckets from configuration: 'from-to' items and a last 'from+' item in
 * a comma-separated string ('1-30,31-60,61-90,91+'), or bucket objects.
 * They must start at day 1, be contiguous and non-overlapping, and only
 * the last may (and must) be open-ended. Codes default to the range text.
 */
export function parseDelinquencyBuckets(value: unknown): DelinquencyBucket[] {
  const buckets = typeof value === 'string' ? value.split(',').map(parseBucketText) : value
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new InvalidBucketConfigurationError('Delinquency buckets are a non-empty list')
  }
  let expectedFrom = 1
  return buckets.map((bucket: DelinquencyBucket, index) => {
    const last = index === buckets.length - 1
    const { from, to } = bucket ?? {}
    if (!Number.isInteger(from) || from !== expectedFrom) {
      throw new InvalidBucketConfigurationError(
        `Bucket ${index + 1} must start at day ${expectedFrom} (buckets start at 1 and leave no gap or overlap)`
      )
    }
    if (last !== (to === null)) {
      throw new InvalidBucketConfigurationError('Only the last bucket is open-ended, and it must be')
    }
    if (to !== null && (!Number.isInteger(to) || to < from)) {
      throw new InvalidBucketConfigurationError(`Bucket ${index + 1} ends before it starts`)
    }
    expectedFrom = (to ?? 0) + 1
    const code = typeof bucket.code === 'string' && bucket.code !== '' ? bucket.code : to === null ? `${from}+` : `${from}-${to}`
    return { code, from, to }
  })
}

function parseBucketText(text: string): DelinquencyBucket {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)|(\+))\s*$/.exec(text)
  if (!match) throw new InvalidBucketConfigurationError(`Not a bucket range: "${text.trim()}"`)
  const from = Number(match[1])
  const to = match[3] ? null : Number(match[2])
  return { code: to === null ? `${from}+` : `${from}-${to}`, from, to }
}

/** The bucket of a number of days past due; null when the loan is current (0 days) */
export function bucketFor(
  days: number,
  buckets: readonly DelinquencyBucket[] = DEFAULT_DELINQUENCY_BUCKETS
): DelinquencyBucket | null {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('Days past due is a non-negative integer')
  if (days === 0) return null
  return buckets.find((bucket) => days >= bucket.from && (bucket.to === null || days <= bucket.to)) ?? null
}

/** The first day on which a penalty may be charged for an instalment */
export function penaltyStartDate(dueDate: string, graceDays: number): string {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new RangeError('Grace days is a non-negative integer')
  return addDays(dueDate, graceDays + 1)
}

/** True when the instalment is unpaid and its grace period has ended by `asOf` */
export function penaltyDue(instalment: ArrearsInstalment, asOf: string, graceDays: number): boolean {
  if (!isIsoDate(asOf)) throw new RangeError(`Not an ISO calendar date: "${asOf}"`)
  return isUnpaid(instalment) && asOf >= penaltyStartDate(instalment.dueDate, graceDays)
}
