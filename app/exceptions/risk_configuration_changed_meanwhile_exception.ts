import { DomainException } from '#exceptions/domain_exception'

/** The change was made from a version that is no longer the active one */
export default class RiskConfigurationChangedMeanwhileException extends DomainException {
  static status = 409
  static code = 'E_RISK_CONFIGURATION_CHANGED_MEANWHILE'
  static title = 'Risk configuration changed meanwhile'
  static message =
    'The risk configuration changed since this change was prepared; reload the settings page (or reject this request) and make the change again.'
}
