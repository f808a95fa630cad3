/**
 * Rates and ratios of the loans module are integers of parts per million
 * (ppm): 9.9% = 99_000n, 40% = 400_000n. People read and type them as
 * decimal percentages with at most four decimals ("9.9", "40", "0.0125"),
 * exactly: no float ever holds a rate.
 */
const PERCENT = /^(\d{1,3})(?:\.(\d{1,4}))?$/

/** "9.9" → 99_000n; null when the text is not a percentage with ≤ 4 decimals between 0 and 100 */
export function percentToPpm(text: string): bigint | null {
  const match = PERCENT.exec(text.trim())
  if (!match) return null
  const ppm = BigInt(match[1]) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'))
  return ppm <= 1_000_000n ? ppm : null
}

/** 99_000n → "9.9", 400_000n → "40", 125n → "0.0125" */
export function ppmToPercent(ppm: bigint): string {
  const whole = ppm / 10_000n
  const fraction = (ppm % 10_000n).toString().padStart(4, '0').replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : `${whole}`
}

/** round-half-up(amount × ppm / 10^6), for fees: 1% of 10,000.00 = 100.00 */
export function applyPpm(amount: bigint, ppm: bigint): bigint {
  return (amount * ppm + 500_000n) / 1_000_000n
}
