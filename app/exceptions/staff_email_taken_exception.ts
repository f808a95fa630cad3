import { DomainException } from '#exceptions/domain_exception'

export default class StaffEmailTakenException extends DomainException {
  static status = 409
  static code = 'E_STAFF_EMAIL_TAKEN'
  static title = 'Email in use'
  static message = 'A staff member with this email already exists.'
}
