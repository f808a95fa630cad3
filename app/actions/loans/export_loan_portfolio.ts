import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import PortfolioQueries from '#queries/loans/portfolio_queries'
import loansConfig from '#config/loans'
import { portfolioCsv } from '#domain/loans/portfolio_csv'
import type { RequestContext } from '#domain/audit/actor'
import { onReadReplica } from '#services/database/read_replica'

/**
 * The loan-level portfolio CSV (every loan paid out, with its customer,
 * product, principal, outstanding, status, days past due and bucket) and
 * its audit row 'loans.portfolio.exported' (customers' names leave the
 * bank). The loans are read on the read replica when there is one
 * (app/services/database/read_replica.ts); the audit row is then written on
 * the primary with the count of the rows read: the rows exported are the
 * rows counted in the audit, and no CSV leaves unless its audit row committed.
 */
export default class ExportLoanPortfolio {
  async handle(input: { staff: StaffUser; context: RequestContext }): Promise<{ filename: string; csv: string; rows: number }> {
    const loans = await onReadReplica((client) => new PortfolioQueries(client).bookedLoans(loansConfig.delinquencyBuckets))
    return db.transaction(async (trx) => {
      const csv = portfolioCsv(
        loans.map((loan) => ({
          loanId: loan.id,
          customerNumber: loan.customerNumber,
          customerName: loan.customerName,
          productName: loan.productName,
          currency: loan.currency,
          principal: loan.principal.amount,
          outstanding: loan.outstanding.amount,
          status: loan.status,
          daysPastDue: loan.daysPastDue,
          bucket: loan.bucket,
          disbursedOn: loan.disbursedOn,
        }))
      )
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'loans.portfolio.exported',
          metadata: { rows: loans.length },
          ...input.context,
        },
        trx
      )
      const today = new Date().toISOString().slice(0, 10)
      return { filename: `loan-portfolio-${today}.csv`, csv, rows: loans.length }
    })
  }
}
