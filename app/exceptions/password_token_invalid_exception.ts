import { DomainException } from '#exceptions/domain_exception'

export default class PasswordTokenInvalidException extends DomainException {
  static status = 410
  static code = 'E_PASSWORD_TOKEN_INVALID'
  static title = 'Link no longer valid'
  static message = 'This link is invalid, has expired or was already used. Ask for a new one.'
}
