import { DomainException } from '#exceptions/domain_exception'

/** No partner with this id (the backoffice's partner actions) */
export default class PartnerNotFoundException extends DomainException {
  static status = 404
  static code = 'E_PARTNER_NOT_FOUND'
  static title = 'Partner not found'
  static message = 'This partner does not exist.'
}
