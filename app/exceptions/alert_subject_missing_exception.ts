import { DomainException } from '#exceptions/domain_exception'

/** Freezing needs an alert about an account; settling a hold needs an alert about a held payment */
export default class AlertSubjectMissingException extends DomainException {
  static status = 422
  static code = 'E_ALERT_SUBJECT_MISSING'
  static title = 'Nothing to act on'
  static message = 'This alert has no account or held payment to act on.'

  constructor(what: 'account' | 'held payment') {
    super(`This alert is not about ${what === 'account' ? 'an account' : 'a held payment'}.`)
  }
}
