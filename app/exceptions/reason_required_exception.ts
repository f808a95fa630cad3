import { DomainException } from '#exceptions/domain_exception'

/** A step that must say why (a write-off, a reversal) was asked for without a reason */
export default class ReasonRequiredException extends DomainException {
  static status = 422
  static code = 'E_REASON_REQUIRED'
  static title = 'Reason required'
  static message = 'Give the reason for this request.'

  errors = [{ field: 'reason', message: 'Give the reason for this request.', rule: 'required' }]
}
