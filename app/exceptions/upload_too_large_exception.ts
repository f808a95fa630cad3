import { DomainException } from '#exceptions/domain_exception'

/** An uploaded file (or the multipart body) is larger than the route allows */
export default class UploadTooLargeException extends DomainException {
  static status = 413
  static code = 'E_PAYLOAD_TOO_LARGE'
  static title = 'File too large'
  static message = 'The file is too large.'
}
