import { DomainException } from '#exceptions/domain_exception'

export default class CustomerNotFoundException extends DomainException {
  static status = 404
  static code = 'E_CUSTOMER_NOT_FOUND'
  static title = 'Customer not found'
  static message = 'The customer does not exist or is closed.'
}
