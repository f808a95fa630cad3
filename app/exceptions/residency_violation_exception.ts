import { DomainException } from '#exceptions/domain_exception'

/**
 * An operation would put a customer's data outside the customer's
 * residency region (a file on another region's disk, a region change,
 * a region this installation has no storage for). Nothing was written;
 * the refusal is in the audit trail as 'residency.refused'.
 */
export default class ResidencyViolationException extends DomainException {
  static status = 409
  static code = 'E_RESIDENCY_VIOLATION'
  static title = 'Data residency violation'
  static message = "This would move the customer's data out of the customer's residency region."
}
