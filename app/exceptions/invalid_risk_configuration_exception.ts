import { DomainException } from '#exceptions/domain_exception'
import type { ConfigurationError } from '#domain/risk/validate_risk_configuration'

/** A risk configuration that validateRiskConfiguration() refuses; `errors` names each setting */
export default class InvalidRiskConfigurationException extends DomainException {
  static status = 422
  static code = 'E_INVALID_RISK_CONFIGURATION'
  static title = 'Invalid risk configuration'
  static message = 'The risk configuration is not valid; nothing was changed.'

  static of(errors: ConfigurationError[]) {
    const exception = new InvalidRiskConfigurationException(
      `The risk configuration is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`
    )
    exception.errors = errors.map((e) => ({ field: `configuration.${e.path}`, message: e.message }))
    return exception
  }
}
