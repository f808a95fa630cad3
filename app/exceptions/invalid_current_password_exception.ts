import { DomainException } from '#exceptions/domain_exception'

export default class InvalidCurrentPasswordException extends DomainException {
  static status = 422
  static code = 'E_INVALID_CURRENT_PASSWORD'
  static title = 'Current password incorrect'
  static message = 'Your current password is not correct.'
}
