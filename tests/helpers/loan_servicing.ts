import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import RepayLoan from '#actions/loans/repay_loan'
import { NO_REQUEST } from '#domain/audit/actor'
import { disbursedLoan } from '#tests/helpers/loans'

/**
 * A disbursed loan (tests/helpers/loans: 1,200.00 over 12 months) that
 * the borrower has repaid `amount` on today through RepayLoan, as the API
 * does: its latest repayment is the one a reversal may be requested for.
 */
export async function repaidLoan(options: Parameters<typeof disbursedLoan>[0] & { amount?: bigint } = {}) {
  const fixture = await disbursedLoan(options)
  const { repayment } = await (await app.container.make(RepayLoan)).handle({
    loanId: fixture.loan.id,
    request: { type: 'amount', amount: options.amount ?? 10_00n },
    idempotencyKey: randomUUID(),
    actor: { type: 'customer', id: fixture.customerId },
    context: NO_REQUEST,
  })
  return { ...fixture, repayment }
}
