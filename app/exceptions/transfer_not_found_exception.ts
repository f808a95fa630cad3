import { DomainException } from '#exceptions/domain_exception'

export default class TransferNotFoundException extends DomainException {
  static status = 404
  static code = 'E_TRANSFER_NOT_FOUND'
  static title = 'Transfer not found'
  static message = 'The transfer does not exist or does not involve your accounts.'
}
