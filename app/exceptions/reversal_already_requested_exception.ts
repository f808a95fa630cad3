import { DomainException } from '#exceptions/domain_exception'

export default class ReversalAlreadyRequestedException extends DomainException {
  static status = 409
  static code = 'E_REVERSAL_ALREADY_REQUESTED'
  static title = 'Reversal already requested'
  static message = 'A reversal of this transaction is already waiting for approval.'
}
