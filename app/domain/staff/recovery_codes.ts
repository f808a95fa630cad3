import { createHash, randomInt, timingSafeEqual } from 'node:crypto'

/**
 * One-time recovery codes for the staff second factor.
 *
 * Format: 10 codes of 5 groups of 5 characters (`xxxxx-xxxxx-xxxxx-xxxxx-xxxxx`)
 * drawn uniformly (crypto.randomInt) from a 31-letter alphabet without the
 * look-alikes 0/o, 1/l/i: 25 x log2(31) ≈ 123.9 bits per code, above the 112
 * bits ASVS 2.6.2 asks of a lookup secret. Case, spaces and dashes do not
 * matter when a code is typed back.
 *
 * Storage: `v2$` + sha256 of a domain-separated string. We raise the entropy
 * instead of using a salted slow hash: 2^123 guesses are out of reach for
 * any offline attacker with or without a salt or a work factor, codes are
 * random (no dictionary, no precomputation worth doing), and checking a
 * code stays one cheap hash instead of scrypt x 10 codes on every attempt.
 *
 * Codes of the old format (2 x 5 characters, ~49.5 bits, unsalted sha256
 * without prefix) are never accepted: `findRecoveryCode` only compares
 * against `v2$` entries and only inputs of exactly 25 alphabet characters,
 * and migration 0510 removes the old hashes from every staff row (enrolled
 * staff keep their TOTP and generate new codes under "My account").
 */
export const RECOVERY_CODE_COUNT = 10
export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
export const RECOVERY_CODE_GROUPS = 5
export const RECOVERY_CODE_GROUP_LENGTH = 5
export const RECOVERY_CODE_LENGTH = RECOVERY_CODE_GROUPS * RECOVERY_CODE_GROUP_LENGTH
/** Entropy of one code in bits (log2 of the number of possible codes) */
export const RECOVERY_CODE_BITS = RECOVERY_CODE_LENGTH * Math.log2(RECOVERY_CODE_ALPHABET.length)

const HASH_VERSION = 'v2$'
const HASH_DOMAIN = 'strongroom:staff-recovery-code:v2:'
const SHAPE = new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`)

/** Groups 25 alphabet characters as xxxxx-xxxxx-xxxxx-xxxxx-xxxxx */
export function formatRecoveryCode(chars: string): string {
  const groups = []
  for (let i = 0; i < chars.length; i += RECOVERY_CODE_GROUP_LENGTH) {
    groups.push(chars.slice(i, i + RECOVERY_CODE_GROUP_LENGTH))
  }
  return groups.join('-')
}

function randomCode(): string {
  let chars = ''
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) {
    chars += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)]
  }
  return formatRecoveryCode(chars)
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, randomCode)
}

/** Case, spaces and dashes do not matter when a code is typed back */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, '')
}

/** The stored form of a code: `v2$<sha256 hex>` */
export function hashRecoveryCode(code: string): string {
  const digest = createHash('sha256').update(HASH_DOMAIN + normalizeRecoveryCode(code)).digest('hex')
  return HASH_VERSION + digest
}

/**
 * The stored entry the typed code matches, or null. Only current-format
 * entries and inputs of the current shape can match, compared in constant
 * time.
 */
export function findRecoveryCode(stored: readonly string[], input: string): string | null {
  if (!SHAPE.test(normalizeRecoveryCode(input))) return null
  const candidate = Buffer.from(hashRecoveryCode(input))
  let found: string | null = null
  for (const entry of stored) {
    if (typeof entry !== 'string' || !entry.startsWith(HASH_VERSION)) continue
    const bytes = Buffer.from(entry)
    if (bytes.length === candidate.length && timingSafeEqual(bytes, candidate)) found = entry
  }
  return found
}
