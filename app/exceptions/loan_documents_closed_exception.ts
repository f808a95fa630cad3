import { DomainException } from '#exceptions/domain_exception'

/** Documents are added to an application only while it is submitted or under review */
export default class LoanDocumentsClosedException extends DomainException {
  static status = 409
  static code = 'E_LOAN_DOCUMENTS_CLOSED'
  static title = 'Application no longer takes documents'
  static message = 'Documents can be added only while the application is submitted or under review.'
}
