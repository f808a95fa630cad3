import { DomainException } from '#exceptions/domain_exception'

/** A partner token on an endpoint that is for customers only, or with the wrong scope or grant */
export default class PartnerTokenNotAllowedException extends DomainException {
  static status = 403
  static code = 'E_PARTNER_TOKEN_NOT_ALLOWED'
  static title = 'Not available to this token'
  static message = 'This endpoint does not accept this partner token.'
}
