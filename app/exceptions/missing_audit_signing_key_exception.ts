import { DomainException } from '#exceptions/domain_exception'

/** Production seals and checkpoints audit blocks only with an explicit AUDIT_SIGNING_KEY (ARCHITECTURE §5) */
export default class MissingAuditSigningKeyException extends DomainException {
  static status = 500
  static code = 'E_AUDIT_SIGNING_KEY_MISSING'
  static title = 'Audit signing key missing'
  static message =
    'AUDIT_SIGNING_KEY is not set: production refuses to seal or checkpoint the audit trail without a signing key kept outside the database (generate one with "node ace audit:keygen").'
}
