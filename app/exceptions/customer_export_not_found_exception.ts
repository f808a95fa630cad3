import { DomainException } from '#exceptions/domain_exception'

/** No stored export of this customer by that id (a wrong id, or another customer's) */
export default class CustomerExportNotFoundException extends DomainException {
  static status = 404
  static code = 'E_CUSTOMER_EXPORT_NOT_FOUND'
  static title = 'Export not found'
  static message = 'There is no such export of this customer.'
}
