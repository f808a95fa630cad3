import { DomainException } from '#exceptions/domain_exception'

export default class StaffNotFoundException extends DomainException {
  static status = 404
  static code = 'E_STAFF_NOT_FOUND'
  static title = 'Staff member not found'
  static message = 'This staff member does not exist.'
}
