import { DomainException } from '#exceptions/domain_exception'

export default class CannotDeactivateSelfException extends DomainException {
  static status = 422
  static code = 'E_CANNOT_DEACTIVATE_SELF'
  static title = 'Not on yourself'
  static message = 'You cannot deactivate your own account; ask another administrator.'
}
