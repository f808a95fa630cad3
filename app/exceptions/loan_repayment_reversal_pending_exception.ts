import { DomainException } from '#exceptions/domain_exception'

/** A reversal of a repayment of this loan already waits for a second person: one request at a time */
export default class LoanRepaymentReversalPendingException extends DomainException {
  static status = 409
  static code = 'E_LOAN_REPAYMENT_REVERSAL_PENDING'
  static title = 'Reversal already requested'
  static message = 'A reversal of a repayment of this loan is already waiting for a second person.'

  constructor(approvalId: number) {
    super(
      `Reversal request #${approvalId} of a repayment of this loan is already waiting for a second person: ` +
        'it must be approved or rejected in the approvals inbox first.'
    )
  }
}
