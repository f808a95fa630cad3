import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import type { RequestContext } from '#domain/audit/actor'
import AuditTrail from '#services/audit/audit_trail'
import { lockLoan } from '#actions/loans/lock_loan'

/**
 * An officer's note on a loan: one loan_notes row (append-only, a trigger
 * refuses changes) and its audit row 'loans.loan.note_added', in one
 * transaction. Notes are allowed in every status (a note on a rejected
 * application explains it later). Throws: E_ROW_NOT_FOUND.
 */
export default class AddLoanNote {
  async handle(input: { loanId: number; note: string; staff: StaffUser; context: RequestContext }): Promise<number> {
    return db.transaction(async (trx) => {
      const loan = await lockLoan(trx, input.loanId)
      const [row] = await trx
        .insertQuery()
        .table('loan_notes')
        .insert({ loan_id: loan.id, staff_id: input.staff.id, body: input.note })
        .returning('id')
      const noteId = Number(row.id ?? row)
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.staff.id },
          action: 'loans.loan.note_added',
          subject: { type: 'loan', id: loan.id },
          after: { note_id: String(noteId), note: input.note },
          metadata: { customer_id: loan.customerId },
          ...input.context,
        },
        trx
      )
      return noteId
    })
  }
}
