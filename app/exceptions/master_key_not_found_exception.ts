import { DomainException } from '#exceptions/domain_exception'

/**
 * The key provider has no master key with this id (a PKCS#11 label absent
 * from the token, a KMS key that does not exist or is not visible to these
 * credentials). Nothing was wrapped or unwrapped. During a rotation both
 * the old and the new master key must stay in the provider.
 */
export default class MasterKeyNotFoundException extends DomainException {
  static status = 500
  static code = 'E_MASTER_KEY_NOT_FOUND'
  static title = 'Master key not found'

  constructor(
    readonly provider: string,
    readonly masterKeyId: string,
    detail?: string
  ) {
    super(`The ${provider} key provider has no master key "${masterKeyId}"${detail ? ` (${detail})` : ''}`)
  }
}
