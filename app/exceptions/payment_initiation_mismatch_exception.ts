import { DomainException } from '#exceptions/domain_exception'

/** UK OB: a domestic payment must name its consent and repeat the consent's Initiation exactly */
export default class PaymentInitiationMismatchException extends DomainException {
  static status = 422
  static code = 'E_INITIATION_MISMATCH'
  static title = 'Payment does not match its consent'
  static message = 'Data.ConsentId and Data.Initiation must be those of the authorised consent.'
}
