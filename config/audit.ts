import env from '#start/env'

/**
 * The audit trail's keys and sealer (ARCHITECTURE §5). Read on use.
 *
 * - AUDIT_SIGNING_KEY: Ed25519 seed that signs sealed blocks and checkpoints
 *   (required in production; `node ace audit:keygen`).
 * - AUDIT_TRUSTED_PUBLIC_KEYS: earlier public keys whose signatures still verify.
 * - AUDIT_CHECKPOINT_DISK: the drive disk checkpoints go to (default DRIVE_DISK).
 * - AUDIT_SEAL_INTERVAL_MS: how often the web process seals (default 2000; 0 = never).
 */
const auditConfig = {
  /** development: a missing signing key is derived from APP_KEY (with a warning); production refuses */
  get nodeEnv(): string {
    return env.get('NODE_ENV')
  },
  get appKey(): string {
    return env.get('APP_KEY').release()
  },
  get signingKey(): string | undefined {
    return env.get('AUDIT_SIGNING_KEY')?.release()
  },
  get trustedPublicKeys(): string | undefined {
    return env.get('AUDIT_TRUSTED_PUBLIC_KEYS')
  },
  get checkpointDisk() {
    return env.get('AUDIT_CHECKPOINT_DISK') ?? env.get('DRIVE_DISK', 'fs')
  },
  get sealIntervalMs(): number {
    return env.get('AUDIT_SEAL_INTERVAL_MS') ?? 2000
  },
}

export default auditConfig
