import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import Account from '#models/account'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import AccountStatementQueries, { type StatementFilters, type StatementLine } from '#queries/accounts/account_statement_queries'
import { statementCsv } from '#domain/accounts/statement_csv'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import { onReadReplica } from '#services/database/read_replica'

export interface ExportStatementInput {
  accountId: number
  filters: StatementFilters
  staff: StaffUser
  context: RequestContext
}

/**
 * The filtered statement as CSV (booking order, amounts as decimal strings)
 * and its audit row 'account.statement.exported'. The lines are read on the
 * read replica when there is one (app/services/database/read_replica.ts),
 * so the audit row is written afterwards in its own transaction on the
 * primary with the count of the lines read: the rows audited are the rows
 * exported, and no CSV leaves unless its audit row committed.
 */
@inject()
export default class ExportStatement {
  constructor(private statements: AccountStatementQueries) {}

  async handle(input: ExportStatementInput): Promise<{ filename: string; csv: string; rows: number }> {
    const account = await Account.find(input.accountId)
    if (!account || account.kind === 'internal') throw new AccountNotFoundException()
    const lines = await onReadReplica((client) => this.statements.all(account.id, input.filters, client))
    return db.transaction(async (trx) => {
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
