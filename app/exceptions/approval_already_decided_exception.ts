import { DomainException } from '#exceptions/domain_exception'

export default class ApprovalAlreadyDecidedException extends DomainException {
  static status = 409
  static code = 'E_APPROVAL_ALREADY_DECIDED'
  static title = 'Already decided'
  static message = 'This approval has already been decided.'
}
