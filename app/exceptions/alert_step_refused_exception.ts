import { DomainException } from '#exceptions/domain_exception'

/** A step the alert's status does not allow (#domain/risk/alert_status): confirming a dismissed alert, assigning a closed one */
export default class AlertStepRefusedException extends DomainException {
  static status = 422
  static code = 'E_ALERT_STEP_REFUSED'
  static title = 'Not allowed in this status'
  static message = 'This alert is not in a status that allows this step.'

  constructor(status: string, step: string) {
    super(`An alert that is ${status} cannot be ${STEP_WORDS[step] ?? step}.`)
  }
}

const STEP_WORDS: Record<string, string> = {
  assign: 'assigned',
  dismiss: 'dismissed',
  confirm: 'confirmed',
  escalate: 'escalated',
  freeze: 'used to freeze the account',
  unfreeze: 'used to unfreeze the account',
  settle_hold: 'used to settle its held payment',
}
