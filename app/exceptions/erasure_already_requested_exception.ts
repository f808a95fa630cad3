import { DomainException } from '#exceptions/domain_exception'

/** The customer already has an open erasure request (requested or scheduled): one at a time */
export default class ErasureAlreadyRequestedException extends DomainException {
  static status = 409
  static code = 'E_ERASURE_ALREADY_REQUESTED'
  static title = 'Erasure already requested'
  static message = 'This customer already has an open erasure request.'
}
