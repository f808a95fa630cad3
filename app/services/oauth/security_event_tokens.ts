import { createPrivateKey, type KeyObject } from 'node:crypto'
import { SignJWT } from 'jose'
import { signingJwk } from '#services/oauth/authorization_server'
import type { SecurityEventClaims } from '#domain/openbanking/events'

/** RFC 8417 §2.3: the media type of a SET, and its `typ` header */
export const SECEVENT_MEDIA_TYPE = 'application/secevent+jwt'
export const SECEVENT_TYP = 'secevent+jwt'

let cached: { kid: string; key: KeyObject } | undefined

/** The authorization server's private signing key (EdDSA, Ed25519) and its kid, as published at /oauth/jwks */
function signingKey(): { kid: string; key: KeyObject } {
  const jwk = signingJwk()
  if (cached?.kid !== jwk.kid) {
    const { kid, alg: _alg, use: _use, ...material } = jwk
    cached = { kid, key: createPrivateKey({ key: material as any, format: 'jwk' }) }
  }
  return cached
}

/**
 * Signs a Security Event Token (RFC 8417) with the authorization server's
 * key: `typ: secevent+jwt`, EdDSA, the key's `kid`, so a partner verifies
 * it against the server's JWKS (/oauth/jwks). The claims are signed as
 * given (iss, aud, iat, jti, toe, sub_id, events); Ed25519 is
 * deterministic, so one event signs to the same token every time.
 */
export async function signSecurityEvent(claims: SecurityEventClaims): Promise<string> {
  const { kid, key } = signingKey()
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', typ: SECEVENT_TYP, kid }).sign(key)
}
