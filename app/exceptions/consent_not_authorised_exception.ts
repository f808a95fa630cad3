import { DomainException } from '#exceptions/domain_exception'

/** The consent behind a partner token is no longer authorised (revoked, expired, consumed) */
export default class ConsentNotAuthorisedException extends DomainException {
  static status = 403
  static code = 'E_CONSENT_NOT_AUTHORISED'
  static title = 'Consent not authorised'
  static message = 'The consent this token was issued for is not authorised (revoked, expired or consumed).'
}
