import { DomainException } from '#exceptions/domain_exception'

export default class MakerCannotApproveException extends DomainException {
  static status = 403
  static code = 'E_FOUR_EYES'
  static title = 'Second person required'
  static message = 'You requested this action; a different staff member must decide it.'
}
