import { createHash } from 'node:crypto'
import type { Actor } from '#domain/audit/actor'
import type { Money } from '#domain/money/money'

/**
 * What makes two ledger requests "the same" for idempotency: the same
 * scope (the caller), the same key, and the same request hash. The
 * posting actions compute the hash from their own input; callers never do.
 */

type Scalar = string | number | bigint | boolean | null | undefined

/** Idempotency keys are unique per caller: 'customer:12', 'staff:3' */
export function idempotencyScope(actor: Actor): string {
  return `${actor.type}:${actor.id ?? '-'}`
}

/**
 * sha256 of a request's canonical form (keys sorted, bigint as decimal
 * strings, undefined as null): two requests are "the same" for
 * idempotency when their hashes match.
 */
export function requestHash(fields: Record<string, Scalar>): string {
  const canonical = Object.keys(fields)
    .sort()
    .map((key) => {
      const value = fields[key]
      const normal = value === undefined ? null : typeof value === 'bigint' ? value.toString() : value
      return [key, normal]
    })
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex')
}

/** The parts of a transfer that its hash covers */
export interface TransferRequest {
  debtorAccountId: number
  creditor: { accountId: number } | { accountNumber: string }
  amount: Money
  reference?: string | null
}

/**
 * Which fields identify a transfer. Each caller of PostTransfer has always
 * stored its keys with its own field set, and a stored key is only ever
 * met again by a retry from the same caller (same scope, same key), so
 * each keeps its set and keys already stored replay exactly as before:
 * - 'request' (default; POST /api/v1/transfers): debtorAccountId,
 *   creditorAccountId, creditorAccountNumber, amount, currency, reference
 * - 'teller_form' (SubmitTransfer): the same without creditorAccountNumber
 * - { approvalId } (an approved 'ledger.transfer'): approval, debtor,
 *   creditor, amount, currency
 * - 'demo_history' (SeedDemoHistory): kind, debtor, creditor, amount,
 *   currency, reference
 */
export type TransferHashFields = 'request' | 'teller_form' | 'demo_history' | { approvalId: number }

export function transferRequestHash(transfer: TransferRequest, fields: TransferHashFields = 'request'): string {
  const creditorAccountId = 'accountId' in transfer.creditor ? transfer.creditor.accountId : null
  const { minor: amount, currency } = transfer.amount
  const reference = transfer.reference ?? null
  if (typeof fields === 'object') {
    return requestHash({ approval: fields.approvalId, debtor: transfer.debtorAccountId, creditor: creditorAccountId, amount, currency })
  }
  if (fields === 'demo_history') {
    return requestHash({ kind: 'transfer', debtor: transfer.debtorAccountId, creditor: creditorAccountId, amount, currency, reference })
  }
  const request = { debtorAccountId: transfer.debtorAccountId, creditorAccountId, amount, currency, reference }
  if (fields === 'teller_form') return requestHash(request)
  const creditorAccountNumber = 'accountNumber' in transfer.creditor ? transfer.creditor.accountNumber : null
  return requestHash({ ...request, creditorAccountNumber })
}
