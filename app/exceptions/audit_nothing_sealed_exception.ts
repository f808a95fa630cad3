import { DomainException } from '#exceptions/domain_exception'

/** There is no sealed block yet, so there is nothing to anchor */
export default class AuditNothingSealedException extends DomainException {
  static status = 409
  static code = 'E_AUDIT_NOTHING_SEALED'
  static title = 'Nothing sealed yet'
  static message = 'No audit block is sealed yet: there is nothing to checkpoint.'
}
