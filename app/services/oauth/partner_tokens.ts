import { createHash } from 'node:crypto'
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWTPayload } from 'jose'
import { apiResource, authorizationServer } from '#services/oauth/authorization_server'
import { recordOnce } from '#services/oauth/oauth_store'

/** A verified partner access token at the resource server (/api/v1) */
export interface PartnerToken {
  clientId: string
  /** granted scopes ('accounts', 'payments') */
  scopes: string[]
  /** the grant a customer approved (authorization code flow); null for client credentials */
  grantId: string | null
  /** the customer (subject) of an authorization-code token */
  customerId: number | null
}

/** Why a partner token was refused; `dpop` errors are about the proof rather than the token */
export class PartnerTokenError extends Error {
  constructor(
    message: string,
    readonly error: 'invalid_token' | 'invalid_dpop_proof' = 'invalid_token'
  ) {
    super(message)
  }
}

/** How far a proof's iat may be from now, in seconds (RFC 9449 §11.1: "a few seconds" plus clock skew) */
const PROOF_WINDOW_SECONDS = 60
const PROOF_ALGORITHMS = ['PS256', 'ES256', 'EdDSA', 'Ed25519']

/**
 * Verifies `Authorization: DPoP <token>` with its `DPoP` proof (RFC 9449
 * §7): the opaque token exists in the authorization server's storage,
 * unexpired, issued for this API (audience) and bound to a key (`jkt`);
 * the proof is a `dpop+jwt` signed by that key, for this method and URL,
 * recent, carrying the token's hash (`ath`), and its `jti` was never seen
 * before (replays are refused, across every instance: the jti is recorded
 * in PostgreSQL). A token sent as Bearer is refused: partner tokens are
 * sender-constrained.
 */
export async function verifyPartnerToken(request: {
  authorization: string | undefined
  dpop: string | undefined
  method: string
  url: string
}): Promise<PartnerToken> {
  const [scheme, value] = (request.authorization ?? '').split(' ', 2)
  if (scheme?.toLowerCase() !== 'dpop' || !value) {
    throw new PartnerTokenError('A partner access token must be sent as "Authorization: DPoP <token>"')
  }
  const server = authorizationServer()
  const token = (await server.AccessToken.find(value)) ?? (await server.ClientCredentials.find(value))
  if (!token || token.isExpired) throw new PartnerTokenError('The access token is unknown, revoked or expired')
  if (token.aud !== apiResource()) throw new PartnerTokenError('The access token is not for this API')
  const jkt = token.jkt
  if (!jkt) throw new PartnerTokenError('The access token is not DPoP-bound')

  await verifyProof(request, value, jkt, token.clientId!)

  const accountId = 'accountId' in token ? token.accountId : undefined
  return {
    clientId: token.clientId!,
    scopes: String(token.scope ?? '').split(' ').filter(Boolean),
    grantId: 'grantId' in token ? (token.grantId ?? null) : null,
    customerId: accountId ? Number(accountId) : null,
  }
}

async function verifyProof(
  request: { dpop: string | undefined; method: string; url: string },
  token: string,
  jkt: string,
  clientId: string
) {
  if (!request.dpop) throw new PartnerTokenError('The DPoP proof header is missing', 'invalid_dpop_proof')
  let payload: JWTPayload
  let jwk: Record<string, unknown>
  try {
    const verified = await jwtVerify(request.dpop, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: PROOF_ALGORITHMS })
    payload = verified.payload
    jwk = verified.protectedHeader.jwk as Record<string, unknown>
  } catch {
    throw new PartnerTokenError('The DPoP proof is not a valid signed dpop+jwt', 'invalid_dpop_proof')
  }
  const now = Math.floor(Date.now() / 1000)
  const fail = (message: string) => {
    throw new PartnerTokenError(message, 'invalid_dpop_proof')
  }
  if (typeof payload.jti !== 'string' || !payload.jti) fail('The DPoP proof has no jti')
  if (typeof payload.iat !== 'number' || Math.abs(now - payload.iat) > PROOF_WINDOW_SECONDS) {
    fail('The DPoP proof is not recent')
  }
  if (payload.htm !== request.method) fail('The DPoP proof is for another method (htm)')
  if (typeof payload.htu !== 'string' || !sameResource(payload.htu, request.url)) {
    fail('The DPoP proof is for another URL (htu)')
  }
  if (payload.ath !== createHash('sha256').update(token).digest('base64url')) {
    fail('The DPoP proof is not for this access token (ath)')
  }
  if ((await calculateJwkThumbprint(jwk as any)) !== jkt) {
    throw new PartnerTokenError('The DPoP proof is signed by another key than the token is bound to')
  }
  if (!(await recordOnce('DPoPProof', `${clientId}:${payload.jti}`, PROOF_WINDOW_SECONDS * 2 + 5))) {
    fail('The DPoP proof was already used (replay)')
  }
}

/** htu: the request URI without query and fragment (RFC 9449 §4.3), compared as normalised URLs */
function sameResource(htu: string, url: string): boolean {
  try {
    const a = new URL(htu)
    const b = new URL(url)
    return a.origin === b.origin && a.pathname === b.pathname
  } catch {
    return false
  }
}
