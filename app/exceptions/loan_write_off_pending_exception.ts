import { DomainException } from '#exceptions/domain_exception'

/** A write-off of this loan already waits for a second person: one request at a time */
export default class LoanWriteOffPendingException extends DomainException {
  static status = 409
  static code = 'E_LOAN_WRITE_OFF_PENDING'
  static title = 'Write-off already requested'
  static message = 'A write-off of this loan is already waiting for a second person.'

  constructor(approvalId: number) {
    super(
      `Write-off request #${approvalId} of this loan is already waiting for a second person: ` +
        'it must be approved or rejected in the approvals inbox first.'
    )
  }
}
