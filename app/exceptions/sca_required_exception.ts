import { DomainException } from '#exceptions/domain_exception'

/**
 * Money movement needs a token issued with the second factor (ability
 * "sca"); a payment above the dynamic-linking threshold or to a new payee
 * also needs a payment authorisation and a fresh one-time code for exactly
 * that payment (then the detail says what is needed and `sca.authorisationUrl`
 * where to ask for it).
 */
export default class ScaRequiredException extends DomainException {
  static status = 403
  static code = 'E_SCA_REQUIRED'
  static title = 'Strong customer authentication required'
  static message = 'This operation needs a token issued with password and one-time password.'
}
