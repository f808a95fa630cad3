import { DomainException } from '#exceptions/domain_exception'

export default class CustomerEmailTakenException extends DomainException {
  static status = 409
  static code = 'E_CUSTOMER_EMAIL_TAKEN'
  static title = 'Email already in use'
  static message = 'Another customer already uses this email address.'
}
