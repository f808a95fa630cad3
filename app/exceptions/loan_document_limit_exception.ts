import { DomainException } from '#exceptions/domain_exception'

/** An application holds at most LOAN_DOCUMENT_MAX_COUNT documents (#domain/loans/loan_documents) */
export default class LoanDocumentLimitException extends DomainException {
  static status = 422
  static code = 'E_LOAN_DOCUMENT_LIMIT'
  static title = 'Too many documents'
  static message = 'This application already has the most documents it can hold.'
}
