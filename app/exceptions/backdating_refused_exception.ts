import { DomainException } from '#exceptions/domain_exception'

/**
 * An explicit booking time (strongroom.booking_time, demo history only) on a
 * database not marked for it, or in the future (migration 0560)
 */
export default class BackdatingRefusedException extends DomainException {
  static status = 422
  static code = 'E_BACKDATING_REFUSED'
  static title = 'Backdating refused'
  static message =
    'An explicit booking time is honoured only on a development or test database, and never in the future.'
}
