import { DomainException } from '#exceptions/domain_exception'

/**
 * A wrapped data key did not unwrap under its master key: the encryption
 * context differs (the wrapped key was copied onto another row), the bytes
 * were altered, or it was wrapped by another key. Authenticated
 * encryption refuses it; no partial key is ever returned.
 */
export default class DataKeyUnwrapFailedException extends DomainException {
  static status = 500
  static code = 'E_DATA_KEY_UNWRAP_FAILED'
  static title = 'Data key unwrap failed'

  constructor(
    readonly provider: string,
    readonly masterKeyId: string,
    reason: string
  ) {
    super(`The data key wrapped under ${provider} master key "${masterKeyId}" did not unwrap: ${reason}`)
  }
}
