import { DomainException } from '#exceptions/domain_exception'

/**
 * The key provider cannot be used: its configuration is incomplete (no
 * token label or PIN, no KMS key id), the PKCS#11 library or token is
 * missing, the login was refused, or KMS refused or did not answer. The
 * message says which setting to look at; it never contains the PIN.
 */
export default class KeyProviderUnavailableException extends DomainException {
  static status = 503
  static code = 'E_KEY_PROVIDER_UNAVAILABLE'
  static title = 'Key provider unavailable'

  constructor(
    readonly provider: string,
    reason: string
  ) {
    super(`Key provider ${provider}: ${reason}`)
  }
}
