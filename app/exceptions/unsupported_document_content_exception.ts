import { DomainException } from '#exceptions/domain_exception'

export default class UnsupportedDocumentContentException extends DomainException {
  static status = 422
  static code = 'E_UNSUPPORTED_DOCUMENT_CONTENT'
  static title = 'Unsupported document'
  static message = 'The file is not a PDF, JPEG or PNG document.'
}
