import { DomainException } from '#exceptions/domain_exception'

/** No such consent of this partner (or customer): existence never leaks */
export default class ConsentNotFoundException extends DomainException {
  static status = 404
  static code = 'E_CONSENT_NOT_FOUND'
  static title = 'Consent not found'
  static message = 'The consent does not exist or is not yours.'
}
