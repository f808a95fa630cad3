import { DomainException } from '#exceptions/domain_exception'

export default class StaffReactivationPendingException extends DomainException {
  static status = 409
  static code = 'E_STAFF_REACTIVATION_PENDING'
  static title = 'Reactivation already requested'
  static message = 'A reactivation of this staff member is already waiting for another administrator\'s approval.'
}
