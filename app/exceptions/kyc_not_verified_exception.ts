import { DomainException } from '#exceptions/domain_exception'

export default class KycNotVerifiedException extends DomainException {
  static status = 403
  static code = 'E_KYC_NOT_VERIFIED'
  static title = 'Identity not verified'
  static message = 'Money cannot leave the account until the customer identity is verified.'
}
