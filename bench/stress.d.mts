/** Types of stress.mjs, for the tests (the benchmark itself is plain Node) */

export interface StressStep {
  connections: number
  tps: number
  unexpectedErrors: number
  [field: string]: unknown
}

export interface Knee {
  index: number
  connections: number
  reason: string
}

export const KNEE_GROWTH: number
export function findKnee(steps: StressStep[]): Knee | null
export function errorSummary(result: { errorClasses?: Record<string, Record<string, number>> }): {
  e429: number
  e503: number
  e5xx: number
  e4xx: number
  eNetwork: number
}
export function runStress(ctx: unknown, options: unknown): Promise<unknown>
