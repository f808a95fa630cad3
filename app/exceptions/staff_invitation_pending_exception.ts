import { DomainException } from '#exceptions/domain_exception'

export default class StaffInvitationPendingException extends DomainException {
  static status = 409
  static code = 'E_STAFF_INVITATION_PENDING'
  static title = 'Invitation already requested'
  static message = 'An invitation for this email is already waiting for another administrator\'s approval.'
}
