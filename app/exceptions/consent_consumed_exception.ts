import { DomainException } from '#exceptions/domain_exception'

/** A payment consent pays once: it was already used (or its authorisation expired unused) */
export default class ConsentConsumedException extends DomainException {
  static status = 409
  static code = 'E_CONSENT_CONSUMED'
  static title = 'Consent already used'
  static message = 'This payment consent was already used for a payment, or its authorisation expired; create a new consent.'
}
