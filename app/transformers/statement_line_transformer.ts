import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type { StatementLine } from '#queries/accounts/account_statement_queries'

/** One statement line: amounts as decimal strings, debit or credit side, running balance */
export default class StatementLineTransformer extends BaseTransformer<StatementLine> {
  toObject() {
    const line = this.resource
    const amount = line.amount.toJSON()
    return {
      entryId: line.entryId,
      transactionId: line.transactionId,
      kind: line.kind,
      direction: line.direction,
      debit: line.direction === 'debit' ? amount : null,
      credit: line.direction === 'credit' ? amount : null,
      runningBalance: line.runningBalance.toJSON(),
      reference: line.reference,
      description: line.description,
      reversesId: line.reversesId,
      reversedById: line.reversedById,
      bookedAt: line.bookedAt,
      transactionUrl: router.urlBuilder.urlFor('backoffice.transactions.show', { id: line.transactionId }),
    }
  }
}
