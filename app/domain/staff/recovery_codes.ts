import { createHash, randomInt } from 'node:crypto'

/**
 * One-time recovery codes for the staff second factor: 10 codes of
 * 2 x 5 characters from an unambiguous alphabet (~100 bits each). Only
 * their sha256 is stored; high-entropy random codes need no slow hash.
 */
export const RECOVERY_CODE_COUNT = 10
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const GROUP = 5

function group(): string {
  let out = ''
  for (let i = 0; i < GROUP; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => `${group()}-${group()}`)
}

/** Case, spaces and dashes do not matter when a code is typed back */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, '')
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex')
}
