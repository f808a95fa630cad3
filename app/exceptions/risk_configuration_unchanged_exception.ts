import { DomainException } from '#exceptions/domain_exception'

/** The submitted configuration is the active one: nothing to approve */
export default class RiskConfigurationUnchangedException extends DomainException {
  static status = 422
  static code = 'E_RISK_CONFIGURATION_UNCHANGED'
  static title = 'Nothing changed'
  static message = 'The submitted risk configuration is the same as the active one.'
}
