import { DomainException } from '#exceptions/domain_exception'

export default class ApprovalNotFoundException extends DomainException {
  static status = 404
  static code = 'E_APPROVAL_NOT_FOUND'
  static title = 'Approval not found'
  static message = 'No such approval.'
}
