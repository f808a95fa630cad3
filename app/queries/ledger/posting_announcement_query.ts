import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { JobPayloads } from '#services/queue/job_payloads'

/** One customer account touched by a committed posting */
export interface CustomerMovement {
  transactionId: number
  kind: string
  accountId: number
  accountNumber: string
  customerId: number
  direction: 'debit' | 'credit'
  amountMinor: bigint
  currency: string
  reference: string | null
  /** When the transaction was booked */
  bookedAt: Date
}

/** A hold on a customer account, as the worker announces it */
export interface CustomerHold {
  holdId: number
  accountId: number
  accountNumber: string
  customerId: number
  amountMinor: bigint
  currency: string
  status: 'active' | 'captured' | 'released'
  capturedTransactionId: number | null
}

export type AnnouncedPosting =
  | { type: 'transaction'; transactionId: number; movements: CustomerMovement[] }
  | { type: 'hold'; hold: CustomerHold }
  | { type: 'none' }

/**
 * What a 'ledger.posted' job refers to, read once the posting has
 * committed: the transaction and its customer-account entries, or the hold.
 * Only customers' deposit accounts are told of: bank-internal accounts have
 * nobody to tell, and a loan's receivable moves with the borrower's account
 * (the loan's own notices say what happened to the loan).
 */
export default class PostingAnnouncementQuery {
  async resolve(client: QueryClientContract, payload: JobPayloads['ledger.posted']): Promise<AnnouncedPosting> {
    if ('holdId' in payload) return this.#hold(client, payload.holdId)
    if ('reversalOf' in payload) {
      const reversal = await client.from('ledger_transactions').select('id').where('reverses_id', payload.reversalOf).first()
      return reversal ? this.#transaction(client, Number(reversal.id)) : { type: 'none' }
    }
    const key = await client
      .from('idempotency_keys')
      .select('resource_type', 'resource_id')
      .where({ scope: payload.scope, key: payload.key, status: 'completed' })
      .first()
    if (!key) return { type: 'none' }
    if (key.resource_type === 'hold') return this.#hold(client, Number(key.resource_id))
    return this.#transaction(client, Number(key.resource_id))
  }

  async #transaction(client: QueryClientContract, transactionId: number): Promise<AnnouncedPosting> {
    const rows = await client
      .from('ledger_entries as e')
      .join('ledger_transactions as t', 't.id', 'e.transaction_id')
      .join('accounts as a', 'a.id', 'e.account_id')
      .whereIn('a.kind', ['current', 'savings'])
      .where('e.transaction_id', transactionId)
      .orderBy('e.id')
      .select('t.kind', 't.reference', 't.booked_at', 'e.account_id', 'a.number', 'a.customer_id', 'e.direction', 'e.amount', 'e.currency')
    const movements = rows.map((row) => ({
      transactionId,
      kind: row.kind,
      accountId: Number(row.account_id),
      accountNumber: row.number,
      customerId: Number(row.customer_id),
      direction: row.direction,
      amountMinor: BigInt(row.amount),
      currency: row.currency,
      reference: row.reference ?? null,
      bookedAt: new Date(row.booked_at),
    }))
    return { type: 'transaction', transactionId, movements }
  }

  async #hold(client: QueryClientContract, holdId: number): Promise<AnnouncedPosting> {
    const row = await client
      .from('holds as h')
      .join('accounts as a', 'a.id', 'h.account_id')
      .where('h.id', holdId)
      .whereNotNull('a.customer_id')
      .select('h.id', 'h.account_id', 'a.number', 'a.customer_id', 'h.amount', 'h.currency', 'h.status', 'h.captured_transaction_id')
      .first()
    if (!row) return { type: 'none' }
    /* A captured hold is money sent: its capture transaction says what moved */
    if (row.status === 'captured' && row.captured_transaction_id !== null) {
      return this.#transaction(client, Number(row.captured_transaction_id))
    }
    return {
      type: 'hold',
      hold: {
        holdId: Number(row.id),
        accountId: Number(row.account_id),
        accountNumber: row.number,
        customerId: Number(row.customer_id),
        amountMinor: BigInt(row.amount),
        currency: row.currency,
        status: row.status,
        capturedTransactionId: row.captured_transaction_id === null ? null : Number(row.captured_transaction_id),
      },
    }
  }
}
