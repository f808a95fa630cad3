import { DomainException } from '#exceptions/domain_exception'

export default class StaffRoleUnchangedException extends DomainException {
  static status = 422
  static code = 'E_STAFF_ROLE_UNCHANGED'
  static title = 'Same role'
  static message = 'This staff member already has that role.'
}
