import { DomainException } from '#exceptions/domain_exception'

export default class PartnerReactivationPendingException extends DomainException {
  static status = 409
  static code = 'E_PARTNER_REACTIVATION_PENDING'
  static title = 'Reactivation already requested'
  static message = "A reactivation of this partner is already waiting for another administrator's approval."
}
