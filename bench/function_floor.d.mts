/** Types of function_floor.mjs, for the tests (the benchmark itself is plain Node) */

export interface PreparedFunctionFloor {
  debtors: number
  creditors: number
  batched: boolean
  outbox: { text: string } | null
  outboxError?: string | null
}

export const BATCH_SIZE: number
export function functionScript(scenario: 'random' | 'hot', prepared: PreparedFunctionFloor): string
export function batchedFunctionScript(scenario: 'random' | 'hot', prepared: PreparedFunctionFloor): string
export function prepareFunctionFloor(ownerUrl: string, runtimeRole: string, options: unknown): Promise<PreparedFunctionFloor>
export function dropFunctionFloor(ownerUrl: string): Promise<void>
export function runFunctionFloor(ownerUrl: string, runtimeUrl: string, prepared: PreparedFunctionFloor, options: unknown): Promise<unknown>
