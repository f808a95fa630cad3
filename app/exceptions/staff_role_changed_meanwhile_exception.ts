import { DomainException } from '#exceptions/domain_exception'

export default class StaffRoleChangedMeanwhileException extends DomainException {
  static status = 409
  static code = 'E_STAFF_ROLE_CHANGED_MEANWHILE'
  static title = 'Role changed meanwhile'
  static message = 'The staff member no longer has the role this request started from; reject it and request again.'
}
