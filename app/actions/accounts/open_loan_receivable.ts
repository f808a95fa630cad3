import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Actor, type RequestContext, auditEnvelope } from '#domain/audit/actor'

/**
 * Opens a loan's receivable, in the caller's transaction (DisburseLoan's):
 * an accounts row of kind 'loan', debit-normal, owned by the borrower,
 * numbered LN + the loan id on 10 digits (one per loan, so the number is
 * never drawn), whose balance will be the principal outstanding. Only the
 * loan postings move it (ledger_credit_check / ledger_debit_check refuse
 * it to every customer posting). Audited 'account.opened'. Returns its id.
 */
export default class OpenLoanReceivable {
  async handle(input: {
    trx: TransactionClientContract
    loanId: number
    customerId: number
    currency: string
    actor: Actor
    context: RequestContext
  }): Promise<number> {
    const { trx } = input
    const [row] = await trx
      .table('accounts')
      .insert({
        number: `LN${String(input.loanId).padStart(10, '0')}`,
        customer_id: input.customerId,
        kind: 'loan',
        currency: input.currency,
        status: 'active',
        name: `Loan ${input.loanId}`,
        normal_balance: 'debit',
      })
      .returning(['id', 'number'])
    await trx.rawQuery('select audit_append(?::jsonb)', [
      JSON.stringify({
        ...auditEnvelope(input.actor, input.context),
        action: 'account.opened',
        subject_type: 'account',
        subject_id: String(row.id),
        after: { number: row.number, customer_id: input.customerId, kind: 'loan', currency: input.currency, loan_id: input.loanId },
      }),
    ])
    return Number(row.id)
  }
}
