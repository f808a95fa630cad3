import { DomainException } from '#exceptions/domain_exception'

export default class KycDocumentNotFoundException extends DomainException {
  static status = 404
  static code = 'E_KYC_DOCUMENT_NOT_FOUND'
  static title = 'Document not found'
  static message = 'This customer has no such document.'
}
