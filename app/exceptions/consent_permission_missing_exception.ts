import { DomainException } from '#exceptions/domain_exception'

/** The consent does not grant what the request reads (e.g. transactions without ReadTransactions*) */
export default class ConsentPermissionMissingException extends DomainException {
  static status = 403
  static code = 'E_CONSENT_PERMISSION_MISSING'
  static title = 'Permission not granted'
  static message = 'The consent does not grant this permission.'
}
