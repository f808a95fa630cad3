import { DomainException } from '#exceptions/domain_exception'

export default class StaffAlreadyActiveException extends DomainException {
  static status = 409
  static code = 'E_STAFF_ALREADY_ACTIVE'
  static title = 'Already active'
  static message = 'This staff member is already active.'
}
