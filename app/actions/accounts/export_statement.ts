import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import Account from '#models/account'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import AccountStatementQueries, { type StatementFilters, type StatementLine } from '#queries/accounts/account_statement_queries'
import { statementCsv } from '#domain/accounts/statement_csv'
import AccountNotFoundException from '#exceptions/account_not_found_exception'

export interface ExportStatementInput {
  accountId: number
  filters: StatementFilters
  staff: StaffUser
  context: RequestContext
}

/**
 * The filtered statement as CSV (booking order, amounts as decimal strings)
 * and its audit row 'account.statement.exported', read and written in one
 * transaction (the rows exported are the rows audited).
 */
@inject()
export default class ExportStatement {
  constructor(private statements: AccountStatementQueries) {}

  async handle(input: ExportStatementInput): Promise<{ filename: string; csv: string; rows: number }> {
    return db.transaction(async (trx) => {
      const account = await Account.find(input.accountId, { client: trx })
      if (!account || account.kind === 'internal') throw new AccountNotFoundException()
      const lines = await this.statements.all(account.id, input.filters, trx)
      const csv = statementCsv(
        lines.map((line: StatementLine) => ({
          bookedAt: line.bookedAt,
          transactionId: line.transactionId,
          kind: line.kind,
          reference: line.reference,
          description: line.description,
          debit: line.direction === 'debit' ? line.amount.toDecimalString() : '',
          credit: line.direction === 'credit' ? line.amount.toDecimalString() : '',
          balance: line.runningBalance.toDecimalString(),
          currency: line.amount.currency,
        }))
      )
      const period = `${input.filters.from ?? 'start'}_${input.filters.to ?? 'today'}`
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'account.statement.exported',
          subject: { type: 'account', id: account.id },
          metadata: { filters: { ...input.filters }, rows: lines.length },
          ...input.context,
        },
        trx
      )
      return { filename: `statement-${account.number}-${period}.csv`, csv, rows: lines.length }
    })
  }
}
