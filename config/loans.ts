import env from '#start/env'
import { DEFAULT_DELINQUENCY_BUCKETS, parseDelinquencyBuckets, type DelinquencyBucket } from '#domain/loans/arrears'

/**
 * Loans (issue 11). Read once at boot; a bad value refuses to start.
 *
 * - LOAN_DELINQUENCY_BUCKETS: the arrears ranges of the portfolio page and
 *   its CSV, in days past due, comma-separated: "1-30,31-60,61-90,91+"
 *   (#domain/loans/arrears parseDelinquencyBuckets: from day 1, contiguous,
 *   only the last open-ended). Default DEFAULT_DELINQUENCY_BUCKETS.
 */
const configured = env.get('LOAN_DELINQUENCY_BUCKETS')

const loansConfig: { delinquencyBuckets: readonly DelinquencyBucket[] } = {
  delinquencyBuckets: configured ? parseDelinquencyBuckets(configured) : DEFAULT_DELINQUENCY_BUCKETS,
}

export default loansConfig
