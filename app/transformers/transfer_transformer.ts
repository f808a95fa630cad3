import { BaseTransformer } from '@adonisjs/core/transformers'
import type { TransferRecord } from '#domain/ledger/records'

/** A booked transfer in /api/v1: ids as strings, amount as a decimal string */
export default class TransferTransformer extends BaseTransformer<TransferRecord> {
  toObject() {
    const transfer = this.resource
    return {
      id: String(transfer.id),
      status: transfer.status,
      debtorAccountId: String(transfer.debtorAccountId),
      creditorAccountId: String(transfer.creditorAccountId),
      amount: { amount: transfer.amount.toDecimalString(), currency: transfer.amount.currency },
      reference: transfer.reference,
      createdAt: transfer.createdAt.toISO(),
    }
  }
}
