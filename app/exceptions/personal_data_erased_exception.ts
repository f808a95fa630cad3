import { DomainException } from '#exceptions/domain_exception'

/**
 * The customer's data key was destroyed (erasure, crypto-shredding): what
 * was sealed under it (a KYC or loan document, a loan's declarations) can
 * never be opened again. 410 Gone: the resource existed and will not come back.
 */
export default class PersonalDataErasedException extends DomainException {
  static status = 410
  static code = 'E_PERSONAL_DATA_ERASED'
  static title = 'Personal data erased'
  static message = "This customer's personal data was erased; the document can no longer be opened."
}
