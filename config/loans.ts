import env from '#start/env'
import { DEFAULT_DELINQUENCY_BUCKETS, parseDelinquencyBuckets, type DelinquencyBucket } from '#domain/loans/arrears'

/**
 * Loans (issue 11). Read once at boot; a bad value refuses to start.
 *
 * - LOAN_DELINQUENCY_BUCKETS: the arrears ranges of the portfolio page and
 *   its CSV, in days past due, comma-separated: "1-30,31-60,61-90,91+"
 *   (#domain/loans/arrears parseDelinquencyBuckets: from day 1, contiguous,
 *   only the last open-ended). Default DEFAULT_DELINQUENCY_BUCKETS.
 * - LOAN_REMINDER_DAYS: how many days before an instalment falls due the
 *   daily collection reminds the borrower (loan_repayment_due); 0 turns
 *   the reminder off. Default 3.
 */
const configured = env.get('LOAN_DELINQUENCY_BUCKETS')

const reminderDays = env.get('LOAN_REMINDER_DAYS') ?? 3
if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > 30) {
  throw new Error(`LOAN_REMINDER_DAYS must be a whole number of days from 0 to 30, not ${reminderDays}`)
}

const loansConfig: { delinquencyBuckets: readonly DelinquencyBucket[]; reminderDays: number } = {
  delinquencyBuckets: configured ? parseDelinquencyBuckets(configured) : DEFAULT_DELINQUENCY_BUCKETS,
  reminderDays,
}

export default loansConfig
