import { DomainException } from '#exceptions/domain_exception'

export default class NotificationNotFoundException extends DomainException {
  static status = 404
  static code = 'E_NOTIFICATION_NOT_FOUND'
  static title = 'Notification not found'
  static message = 'The notification does not exist or is not yours.'
}
