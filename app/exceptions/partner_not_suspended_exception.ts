import { DomainException } from '#exceptions/domain_exception'

/** Only a suspended partner can be reactivated */
export default class PartnerNotSuspendedException extends DomainException {
  static status = 409
  static code = 'E_PARTNER_NOT_SUSPENDED'
  static title = 'Not suspended'
  static message = 'This partner is active: there is nothing to reactivate.'
}
