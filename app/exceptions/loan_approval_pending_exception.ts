import { DomainException } from '#exceptions/domain_exception'

/** An approval of this application already waits for a second officer: a second request is refused */
export default class LoanApprovalPendingException extends DomainException {
  static status = 409
  static code = 'E_LOAN_APPROVAL_PENDING'
  static title = 'Waiting for a second officer'
  static message = 'An approval of this application is already waiting for a second officer.'

  constructor(approvalId: number) {
    super(
      `Approval request #${approvalId} of this application is already waiting for a second officer: ` +
        'it must be approved or rejected in the approvals inbox first.'
    )
  }
}
