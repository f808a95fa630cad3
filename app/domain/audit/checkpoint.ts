import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'

/**
 * Signed anchors of the audit chain (ARCHITECTURE §5, finding 13b): pure
 * rules shared by the sealer, the checkpoint writer and the verifier.
 *
 * - Each sealed block is signed with Ed25519 over
 *   "strongroom/audit-block/v1\n<block id>\n<block_hash>"; since block_hash
 *   chains every earlier block, one valid signature vouches for the history
 *   up to that block.
 * - A checkpoint is a JSON file kept outside the database: the latest
 *   verified block's id, hash and last event id, when, and the key, signed
 *   over `checkpointSigningPayload` (the fields below in this order, no
 *   whitespace). A database superuser can recompute every hash, but cannot
 *   sign, so a rewritten history no longer matches an older checkpoint.
 */
export const CHECKPOINT_FORMAT = 'strongroom-audit-checkpoint/v1'

export interface AuditCheckpoint {
  format: typeof CHECKPOINT_FORMAT
  blockId: number
  blockHash: string
  lastEventId: number
  createdAt: string
  keyId: string
  /** raw 32-byte Ed25519 public key, base64url */
  publicKey: string
  /** Ed25519 signature of checkpointSigningPayload(), base64url */
  signature: string
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature'>

export function blockSigningMessage(blockId: number | string, blockHash: string): Buffer {
  return Buffer.from(`strongroom/audit-block/v1\n${blockId}\n${blockHash}`, 'utf8')
}

export function checkpointSigningPayload(c: UnsignedCheckpoint): Buffer {
  const { format, blockId, blockHash, lastEventId, createdAt, keyId, publicKey } = c
  return Buffer.from(JSON.stringify({ format, blockId, blockHash, lastEventId, createdAt, keyId, publicKey }), 'utf8')
}

/** "ed25519:" + the first 16 hex digits of sha256(raw public key) */
export function keyIdOf(rawPublicKey: Buffer): string {
  return `ed25519:${createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16)}`
}

/** The KeyObject of a raw 32-byte Ed25519 public key (base64url or base64) */
export function publicKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' })
}

export function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url')
}

export function verifySignature(key: KeyObject, message: Buffer, signature: string | null | undefined): boolean {
  if (!signature) return false
  try {
    return verify(null, message, key, Buffer.from(signature, 'base64url'))
  } catch {
    return false
  }
}

export type CheckpointProblem = 'format' | 'untrusted_key' | 'key_id' | 'signature'

/**
 * Why a checkpoint file cannot be believed, or null when it can: its shape,
 * a public key that is not one of `trusted` (keyId -> key), a key id that is
 * not the key's, or a signature that does not match its content.
 */
export function checkpointProblem(value: unknown, trusted: Map<string, KeyObject>): CheckpointProblem | null {
  const c = value as AuditCheckpoint
  if (
    !c || typeof c !== 'object' || c.format !== CHECKPOINT_FORMAT ||
    !Number.isSafeInteger(c.blockId) || c.blockId < 1 || !/^[0-9a-f]{64}$/.test(String(c.blockHash)) ||
    !Number.isSafeInteger(c.lastEventId) || typeof c.createdAt !== 'string' ||
    typeof c.keyId !== 'string' || typeof c.publicKey !== 'string' || typeof c.signature !== 'string'
  ) {
    return 'format'
  }
  const key = trusted.get(c.keyId)
  if (!key) return 'untrusted_key'
  if (rawPublicKey(key).toString('base64url') !== Buffer.from(c.publicKey, 'base64').toString('base64url')) return 'key_id'
  return verifySignature(key, checkpointSigningPayload(c), c.signature) ? null : 'signature'
}
