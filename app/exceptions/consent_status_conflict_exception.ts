import { DomainException } from '#exceptions/domain_exception'

/** A consent cannot move from its current status to the requested one (e.g. revoke a rejected consent) */
export default class ConsentStatusConflictException extends DomainException {
  static status = 409
  static code = 'E_CONSENT_STATUS_CONFLICT'
  static title = 'Consent status conflict'
  static message = 'The consent is not in a status that allows this.'
}
