import { DomainException } from '#exceptions/domain_exception'

/**
 * A preferences change that would turn a security notice (new device,
 * two-factor or password changed), or a mandatory service notice (a missed
 * loan repayment), off on some channel. Refused as a whole:
 * nothing changes. `errors[]` names each refused item (`preferences.<i>.enabled`).
 */
export default class SecurityNoticeRequiredException extends DomainException {
  static status = 422
  static code = 'E_SECURITY_NOTICE_REQUIRED'
  static title = 'Security notices cannot be turned off'
  static message =
    'Security notices (new device sign-in, two-factor authentication changed, password changed) and mandatory service notices (a missed loan repayment) are always sent in-app and by mail.'
}
