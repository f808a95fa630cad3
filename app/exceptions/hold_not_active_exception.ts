import { DomainException } from '#exceptions/domain_exception'

export default class HoldNotActiveException extends DomainException {
  static status = 422
  static code = 'E_HOLD_NOT_ACTIVE'
  static title = 'Hold not active'
  static message = 'The hold was already captured or released.'
}
