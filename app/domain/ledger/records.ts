import { DateTime } from 'luxon'
import { Money } from '#domain/money/money'

/** A booked ledger transaction as returned by the posting functions */
export interface TransactionRecord {
  id: number
  kind: string
  status: 'booked'
  debtorAccountId: number
  creditorAccountId: number
  amount: Money
  reference: string | null
  reversesId: number | null
  createdAt: DateTime
}

export type TransferRecord = TransactionRecord

export interface HoldRecord {
  id: number
  accountId: number
  amount: Money
  status: 'active' | 'captured' | 'released'
  reason: string | null
  capturedTransactionId: number | null
  expiresAt: DateTime | null
  createdAt: DateTime
}

const time = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })

export function toTransactionRecord(row: any): TransactionRecord {
  return {
    id: Number(row.id),
    kind: row.kind,
    status: 'booked',
    debtorAccountId: Number(row.debtor_account_id),
    creditorAccountId: Number(row.creditor_account_id),
    amount: Money.fromMinorString(String(row.amount), row.currency),
    reference: row.reference ?? null,
    reversesId: row.reverses_id === null || row.reverses_id === undefined ? null : Number(row.reverses_id),
    createdAt: time(row.booked_at),
  }
}

export function toHoldRecord(row: any): HoldRecord {
  return {
    id: Number(row.id),
    accountId: Number(row.account_id),
    amount: Money.fromMinorString(String(row.amount), row.currency),
    status: row.status,
    reason: row.reason ?? null,
    capturedTransactionId:
      row.captured_transaction_id === null ? null : Number(row.captured_transaction_id),
    expiresAt: row.expires_at ? time(row.expires_at) : null,
    createdAt: time(row.created_at),
  }
}
