import { DomainException } from '#exceptions/domain_exception'

/** A loan cannot go from its status to the one asked (approve a rejected application, disburse twice) */
export default class LoanTransitionRefusedException extends DomainException {
  static status = 409
  static code = 'E_LOAN_TRANSITION_REFUSED'
  static title = 'Loan status does not allow this'
  static message = 'The loan is not in a status that allows this.'
}
