import env from '#start/env'

/**
 * Risk and customer notices around postings (issue 9). Read on use.
 *
 * - RISK_INLINE_RULES: `on` (default) runs the risk rules inside the
 *   customer payment path before anything is booked (block, review);
 *   `off` leaves only the scoring after commit (benchmark comparisons).
 * - LARGE_WITHDRAWAL_AMOUNT: a cash withdrawal strictly above it (decimal in
 *   the withdrawal's currency, default 1000.00) is announced to the customer
 *   as a large withdrawal.
 */
const riskConfig = {
  get inlineRules(): boolean {
    return (env.get('RISK_INLINE_RULES') ?? 'on') !== 'off'
  },
  get largeWithdrawal(): string {
    return env.get('LARGE_WITHDRAWAL_AMOUNT') || '1000.00'
  },
}

export default riskConfig
