import { DomainException } from '#exceptions/domain_exception'

export default class StaffAlreadyInactiveException extends DomainException {
  static status = 409
  static code = 'E_STAFF_ALREADY_INACTIVE'
  static title = 'Already deactivated'
  static message = 'This staff member is already deactivated.'
}
