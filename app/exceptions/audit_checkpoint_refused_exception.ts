import { DomainException } from '#exceptions/domain_exception'
import type { CheckpointProblem } from '#domain/audit/checkpoint'

const REASONS: Record<CheckpointProblem | 'unreadable', string> = {
  unreadable: 'it cannot be read as JSON',
  format: 'it is not a strongroom-audit-checkpoint/v1 document',
  untrusted_key: 'it names a key that is not trusted (AUDIT_SIGNING_KEY, AUDIT_TRUSTED_PUBLIC_KEYS)',
  key_id: 'its public key is not the key its key id names',
  signature: 'its signature does not match its content (the file was altered)',
}

/** `audit:verify --checkpoint FILE` believes a checkpoint only with a valid signature by a trusted key */
export default class AuditCheckpointRefusedException extends DomainException {
  static status = 422
  static code = 'E_AUDIT_CHECKPOINT_REFUSED'
  static title = 'Checkpoint refused'

  constructor(
    public source: string,
    public problem: CheckpointProblem | 'unreadable'
  ) {
    super(`Checkpoint ${source} refused: ${REASONS[problem]}.`)
  }
}
