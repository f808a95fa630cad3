import { DomainException } from '#exceptions/domain_exception'

export default class HoldNotFoundException extends DomainException {
  static status = 404
  static code = 'E_HOLD_NOT_FOUND'
  static title = 'Hold not found'
  static message = 'The hold does not exist or is not visible to you.'
}
