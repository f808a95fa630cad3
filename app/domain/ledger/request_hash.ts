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
 * The hash of a transfer, whoever posts it (API, teller form, an approved
 * request, the demo history): debtor, creditor (by id or by number, as
 * given), amount, currency and reference. Keys are unique per caller, so
 * the hash only ever meets a retry of the same caller's request.
 */
export function transferRequestHash(transfer: TransferRequest): string {
  const creditorAccountId = 'accountId' in transfer.creditor ? transfer.creditor.accountId : null
  const creditorAccountNumber = 'accountNumber' in transfer.creditor ? transfer.creditor.accountNumber : null
  return requestHash({
    debtorAccountId: transfer.debtorAccountId,
    creditorAccountId,
    creditorAccountNumber,
    amount: transfer.amount.minor,
    currency: transfer.amount.currency,
    reference: transfer.reference ?? null,
  })
}
