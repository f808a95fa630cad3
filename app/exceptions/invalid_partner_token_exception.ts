import { DomainException } from '#exceptions/domain_exception'

/** A partner access token or its DPoP proof was refused (RFC 9449): the answer carries WWW-Authenticate: DPoP */
export default class InvalidPartnerTokenException extends DomainException {
  static status = 401
  static code = 'E_INVALID_TOKEN'
  static title = 'Invalid access token'
  static message = 'The access token or its DPoP proof is not valid.'
}
