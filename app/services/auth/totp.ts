import { generate, generateSecret, generateURI, verify } from 'otplib'

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), shared by
 * staff and customer second factors. Secrets are base32 strings; store
 * them encrypted (encryption.encrypt), never in clear.
 */
export const TOTP_PERIOD_SECONDS = 30
export const TOTP_ISSUER = 'Strongroom'

/** One 30 s step either side tolerates clock drift and typing time */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS

export type TotpCheck = { valid: true; timeStep: number } | { valid: false }

/** A fresh random base32 secret (20 bytes, 160 bits) */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

/** otpauth:// URI for authenticator apps (what the QR code encodes) */
export function totpUri(secret: string, label: string, issuer = TOTP_ISSUER): string {
  return generateURI({ issuer, label, secret })
}

/** True when the input looks like a TOTP code (6 digits, spaces ignored) */
export function looksLikeTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s+/g, ''))
}

/**
 * Checks a code against the secret. Pass the last accepted time step as
 * `afterTimeStep` so that a code is accepted once only (replay protection);
 * store the returned `timeStep` on success.
 */
export async function checkTotp(
  secret: string,
  code: string,
  afterTimeStep?: number | null
): Promise<TotpCheck> {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return { valid: false }
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterTimeStep !== null && afterTimeStep !== undefined ? { afterTimeStep } : {}),
    })
    return result.valid && 'timeStep' in result
      ? { valid: true, timeStep: result.timeStep as number }
      : { valid: false }
  } catch {
    return { valid: false }
  }
}

/** The code for a secret at a moment (tests, tooling); defaults to now */
export function totpCode(secret: string, at: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) })
}
