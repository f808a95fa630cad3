import { BaseTransformer } from '@adonisjs/core/transformers'
import type { EntryLine } from '#queries/ledger/ledger_queries'

/**
 * One ledger entry of an account, as a transaction line in /api/v1 (no
 * internal account id). Without the detail permission (a partner with
 * ReadTransactionsBasic) the reference and the counterparty are left out.
 */
export default class AccountEntryTransformer extends BaseTransformer<EntryLine> {
  toObject(detail = true) {
    const entry = this.resource
    const basic = {
      id: String(entry.entryId),
      transactionId: String(entry.transactionId),
      kind: entry.kind,
      creditDebitIndicator: entry.direction === 'credit' ? 'credit' : 'debit',
      amount: { amount: entry.amount.toDecimalString(), currency: entry.amount.currency },
      bookedAt: entry.bookedAt,
    }
    if (!detail) return basic
    return {
      ...basic,
      reference: entry.reference,
      /** 'cash' | 'bank' | 'account' | null: the bank's own account ids are never shown */
      counterparty: entry.counterparty,
      counterpartyAccountId: entry.counterpartyAccountId === null ? null : String(entry.counterpartyAccountId),
    }
  }
}
