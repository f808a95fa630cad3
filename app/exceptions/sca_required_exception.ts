import { DomainException } from '#exceptions/domain_exception'

/** Money movement needs a token issued with the second factor (ability "sca") */
export default class ScaRequiredException extends DomainException {
  static status = 403
  static code = 'E_SCA_REQUIRED'
  static title = 'Strong customer authentication required'
  static message = 'This operation needs a token issued with password and one-time password.'
}
