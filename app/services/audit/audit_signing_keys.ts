import { createPrivateKey, createPublicKey, hkdfSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import { keyIdOf, publicKeyFromRaw, rawPublicKey } from '#domain/audit/checkpoint'
import MissingAuditSigningKeyException from '#exceptions/missing_audit_signing_key_exception'

/**
 * The key that signs sealed audit blocks and checkpoints (ARCHITECTURE §5):
 * never stored in the database. A KMS/HSM adapter implements the same
 * interface (sign remotely, publish the public key) and replaces the
 * environment one through `useAuditKeyProvider()`.
 */
export interface AuditSigner {
  keyId: string
  /** raw 32-byte Ed25519 public key, base64url */
  publicKey: string
  sign(message: Buffer): Promise<string>
}

export interface AuditKeyProvider {
  /** The current signing key; throws when none is configured (production without AUDIT_SIGNING_KEY) */
  signer(): AuditSigner
  /** Every public key whose signatures are believed, by key id: the current one and rotated-out ones */
  trustedKeys(): Map<string, KeyObject>
}

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export interface EnvKeySettings {
  nodeEnv: string
  /** AUDIT_SIGNING_KEY: base64/base64url of the 32-byte Ed25519 seed, or a PKCS#8 PEM */
  signingKey?: string
  /** AUDIT_TRUSTED_PUBLIC_KEYS: comma-separated raw public keys (base64url) of rotated-out keys */
  trustedPublicKeys?: string
  /** APP_KEY, from which development and test derive a key when AUDIT_SIGNING_KEY is unset */
  appKey: string
  warn?: (message: string) => void
}

/**
 * AUDIT_SIGNING_KEY from the environment. Without it, development and test
 * derive a deterministic key from APP_KEY (HKDF-SHA256) with a warning;
 * production has no signer (sealing refuses, E_AUDIT_SIGNING_KEY_MISSING)
 * and only verifies with AUDIT_TRUSTED_PUBLIC_KEYS.
 */
export class EnvAuditKeyProvider implements AuditKeyProvider {
  #signer?: AuditSigner
  #trusted = new Map<string, KeyObject>()

  constructor(private settings: EnvKeySettings) {
    const privateKey = this.#privateKey()
    if (privateKey) {
      const publicKey = createPublicKey(privateKey)
      const raw = rawPublicKey(publicKey)
      const keyId = keyIdOf(raw)
      this.#trusted.set(keyId, publicKey)
      this.#signer = {
        keyId,
        publicKey: raw.toString('base64url'),
        sign: async (message) => sign(null, message, privateKey).toString('base64url'),
      }
    }
    for (const raw of (settings.trustedPublicKeys ?? '').split(',').map((k) => k.trim()).filter(Boolean)) {
      const key = publicKeyFromRaw(raw)
      this.#trusted.set(keyIdOf(rawPublicKey(key)), key)
    }
  }

  signer(): AuditSigner {
    if (!this.#signer) throw new MissingAuditSigningKeyException()
    return this.#signer
  }

  trustedKeys() {
    return this.#trusted
  }

  #privateKey(): KeyObject | null {
    const configured = this.settings.signingKey?.trim()
    if (configured) return parseSigningKey(configured)
    if (this.settings.nodeEnv === 'production') return null
    this.settings.warn?.(
      'AUDIT_SIGNING_KEY is not set: audit blocks are signed with a key derived from APP_KEY (development/test only; production requires AUDIT_SIGNING_KEY)'
    )
    return derivedSigningKey(this.settings.appKey, 'audit-signing-key/v1')
  }
}

/** Development and test only: a deterministic Ed25519 key from APP_KEY (HKDF-SHA256), one per purpose */
export function derivedSigningKey(appKey: string, purpose: string): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', appKey, 'strongroom', purpose, 32))
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
}

/** A base64/base64url 32-byte seed, or a PKCS#8 PEM ("\n" may be written as the two characters \n) */
export function parseSigningKey(value: string, variable = 'AUDIT_SIGNING_KEY'): KeyObject {
  try {
    if (value.startsWith('-----BEGIN')) {
      const key = createPrivateKey(value.replaceAll('\\n', '\n'))
      if (key.asymmetricKeyType === 'ed25519') return key
    } else {
      const seed = Buffer.from(value, 'base64')
      if (seed.length === 32) {
        return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
      }
    }
  } catch {}
  throw new Error(`${variable} must be a 32-byte Ed25519 seed in base64/base64url or an Ed25519 PKCS#8 PEM (node ace audit:keygen)`)
}

/** A fresh key for AUDIT_SIGNING_KEY, with its public key and id (node ace audit:keygen) */
export function generateSigningKey() {
  const seed = randomBytes(32)
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const raw = rawPublicKey(createPublicKey(privateKey))
  return { signingKey: seed.toString('base64url'), publicKey: raw.toString('base64url'), keyId: keyIdOf(raw) }
}

let provider: AuditKeyProvider | undefined

/** The process's key provider, built from the environment on first use */
export async function auditKeys(): Promise<AuditKeyProvider> {
  if (!provider) {
    const { default: auditConfig } = await import('#config/audit')
    const { default: app } = await import('@adonisjs/core/services/app')
    /* from the container: the logger service is not set yet while providers boot */
    const logger = await app.container.make('logger')
    const nodeEnv = auditConfig.nodeEnv
    provider = new EnvAuditKeyProvider({
      nodeEnv,
      signingKey: auditConfig.signingKey,
      trustedPublicKeys: auditConfig.trustedPublicKeys,
      appKey: auditConfig.appKey,
      warn: (message) => (nodeEnv === 'development' ? logger.warn(message) : logger.debug(message)),
    })
  }
  return provider
}

/** Replaces the environment provider (a KMS/HSM adapter; tests) */
export function useAuditKeyProvider(next: AuditKeyProvider | undefined) {
  provider = next
}
