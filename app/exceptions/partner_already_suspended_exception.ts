import { DomainException } from '#exceptions/domain_exception'

export default class PartnerAlreadySuspendedException extends DomainException {
  static status = 409
  static code = 'E_PARTNER_ALREADY_SUSPENDED'
  static title = 'Already suspended'
  static message = 'This partner is already suspended.'
}
