import { DomainException } from '#exceptions/domain_exception'

/** No such document on this application (or the application is not the caller's) */
export default class LoanDocumentNotFoundException extends DomainException {
  static status = 404
  static code = 'E_LOAN_DOCUMENT_NOT_FOUND'
  static title = 'Document not found'
  static message = 'No such document on this application.'
}
