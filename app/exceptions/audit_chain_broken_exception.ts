import { DomainException } from '#exceptions/domain_exception'

/** A checkpoint anchors only a verified chain: `node ace audit:verify` names the breaks */
export default class AuditChainBrokenException extends DomainException {
  static status = 409
  static code = 'E_AUDIT_CHAIN_BROKEN'
  static title = 'Audit chain broken'
  static message = 'The audit chain does not verify: no checkpoint is written for it (run node ace audit:verify to see the breaks).'
}
