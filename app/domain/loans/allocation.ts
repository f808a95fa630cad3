import { minBigInt } from '#domain/loans/rational'

/**
 * Allocation of a repayment over the instalments that are due: oldest
 * instalment first (due date, then number), and within an instalment the
 * components in a configurable order (default penalty, fee, interest,
 * principal). Guarantees: no component receives more than is outstanding;
 * the allocations plus the unallocated remainder equal the amount exactly.
 */

export const COMPONENTS = ['penalty', 'fee', 'interest', 'principal'] as const
export type Component = (typeof COMPONENTS)[number]
export type AllocationOrder = readonly Component[]

export const DEFAULT_ALLOCATION_ORDER: AllocationOrder = ['penalty', 'fee', 'interest', 'principal']

/** What remains outstanding on one instalment, per component (minor units) */
export interface OutstandingInstalment {
  number: number
  dueDate: string
  penalty: bigint
  fee: bigint
  interest: bigint
  principal: bigint
}

export type ComponentAmounts = Record<Component, bigint>

export interface InstalmentAllocation extends ComponentAmounts {
  number: number
  dueDate: string
  total: bigint
}

export interface Allocation {
  /** One line per instalment that received something, oldest first */
  lines: InstalmentAllocation[]
  totals: ComponentAmounts & { total: bigint }
  unallocated: bigint
}

export class InvalidAllocationError extends Error {
  code = 'E_INVALID_ALLOCATION'
}

export class InvalidAllocationOrderError extends Error {
  code = 'E_INVALID_ALLOCATION_ORDER'
}

/**
 * An allocation order from configuration: an array or a comma-separated
 * string ('fee,penalty,interest,principal'). Must be a permutation of the
 * four components; throws InvalidAllocationOrderError otherwise.
 */
export function parseAllocationOrder(value: unknown): AllocationOrder {
  const items = typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value
  if (!Array.isArray(items)) {
    throw new InvalidAllocationOrderError('An allocation order is a list of the four components')
  }
  const unknown = items.filter((item) => !(COMPONENTS as readonly unknown[]).includes(item))
  if (unknown.length > 0) {
    throw new InvalidAllocationOrderError(`Unknown component(s) in allocation order: ${unknown.join(', ')}`)
  }
  if (items.length !== COMPONENTS.length || new Set(items).size !== COMPONENTS.length) {
    throw new InvalidAllocationOrderError(
      `An allocation order names each of ${COMPONENTS.join(', ')} exactly once; got "${items.join(',')}"`
    )
  }
  return items as Component[]
}

export function isAllocationOrder(value: unknown): value is AllocationOrder {
  try {
    parseAllocationOrder(value)
    return true
  } catch {
    return false
  }
}

function zero(): ComponentAmounts {
  return { penalty: 0n, fee: 0n, interest: 0n, principal: 0n }
}

function oldestFirst(a: OutstandingInstalment, b: OutstandingInstalment): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1
  return a.number - b.number
}

/** Allocates `amount` (≥ 0) over `instalments`; throws InvalidAllocationError on negative input */
export function allocateRepayment(
  amount: bigint,
  instalments: readonly OutstandingInstalment[],
  order: AllocationOrder = DEFAULT_ALLOCATION_ORDER
): Allocation {
  parseAllocationOrder(order)
  if (typeof amount !== 'bigint' || amount < 0n) {
    throw new InvalidAllocationError('The repayment amount must be a non-negative bigint')
  }
  for (const instalment of instalments) {
    if (COMPONENTS.some((component) => instalment[component] < 0n)) {
      throw new InvalidAllocationError(`Instalment ${instalment.number} has a negative outstanding amount`)
    }
  }
  let remaining = amount
  const totals = zero()
  const lines: InstalmentAllocation[] = []
  for (const instalment of [...instalments].sort(oldestFirst)) {
    if (remaining === 0n) break
    const line = zero()
    for (const component of order) {
      const paid = minBigInt(remaining, instalment[component])
      line[component] = paid
      totals[component] += paid
      remaining -= paid
    }
    const total = line.penalty + line.fee + line.interest + line.principal
    if (total > 0n) lines.push({ number: instalment.number, dueDate: instalment.dueDate, ...line, total })
  }
  const total = amount - remaining
  return { lines, totals: { ...totals, total }, unallocated: remaining }
}
