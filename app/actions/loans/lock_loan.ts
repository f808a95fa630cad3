import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Loan from '#models/loan'

/** The loan row locked FOR UPDATE in `trx` (two officers acting at once are serialised); E_ROW_NOT_FOUND when unknown */
export async function lockLoan(trx: TransactionClientContract, loanId: number): Promise<Loan> {
  return Loan.query({ client: trx }).where('id', loanId).forUpdate().firstOrFail()
}
