import { createHash, createPublicKey, hkdfSync } from 'node:crypto'
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import openbankingConfig from '#config/openbanking'
import { appUrl } from '#config/app'
import { PostgresOAuthAdapter } from '#services/oauth/oauth_store'
import { partnerScopes } from '#services/oauth/partner_clients'
import { derivedSigningKey, parseSigningKey } from '#services/audit/audit_signing_keys'
import { consentIntentParam, consentClaims, customerAccount } from '#services/oauth/consent_binding'

/**
 * The authorization server for partner fintechs: panva's oidc-provider
 * (OpenID-certified for FAPI 2.0), configured for the FAPI 2.0 Security
 * Profile and mounted at /oauth by #middleware/oauth_middleware:
 *
 * - pushed authorization requests only (RFC 9126); code flow with PKCE
 *   S256; `iss` in the authorization response (RFC 9207); codes live 60 s
 *   and are single-use; no implicit, no password grant;
 * - clients authenticate with `private_key_jwt` (partner JWKS or jwks_uri);
 * - access tokens are DPoP-bound (RFC 9449), opaque, for one resource:
 *   this bank's /api/v1 (RFC 8707), checked by #services/oauth/partner_tokens;
 * - `client_credentials` for the consent endpoints; revocation (RFC 7009)
 *   and introspection (RFC 7662, a partner sees its own tokens only);
 * - every authorization is for ONE consent, named by the pushed request's
 *   `openbanking_intent_id` and approved by the customer on /consent/:uid
 *   after a sign-in with password and TOTP; tokens carry that consent id;
 * - refresh tokens are not rotated (FAPI 2.0 §5.3.2.1): a failed exchange
 *   leaves the partner's refresh token valid, so the customer never has
 *   to authorise again because of a 5xx.
 */
let server: Provider | undefined

export function authorizationServer(): Provider {
  server ??= buildServer()
  return server
}

/** The resource indicator and audience of partner access tokens */
export function apiResource(): string {
  return new URL('/api/v1', appUrl).href
}

/** FAPI 2.0 §5.4: PS256, ES256 or EdDSA (Ed25519) */
const SIGNING_ALGS = ['PS256', 'ES256', 'EdDSA', 'Ed25519'] as const

function buildServer(): Provider {
  const policy = interactionPolicy.base()
  /* Strong customer authentication for every consent: a session from an earlier flow is not enough */
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('sca_per_consent', 'The customer signs in for each consent', (ctx) =>
      ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT
    )
  )
  policy.get('consent')!.checks.add(
    new interactionPolicy.Check('consent_decision', 'The customer decides on the consent', (ctx) =>
      ctx.oidc.result?.consent ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT
    )
  )

  const configuration: Configuration = {
    adapter: PostgresOAuthAdapter,
    jwks: { keys: [signingJwk()] },
    cookies: { keys: cookieKeys(), long: { signed: true }, short: { signed: true } },
    clientAuthMethods: ['private_key_jwt'],
    enabledJWA: {
      clientAuthSigningAlgValues: [...SIGNING_ALGS],
      dPoPSigningAlgValues: [...SIGNING_ALGS],
      idTokenSigningAlgValues: ['EdDSA'],
      requestObjectSigningAlgValues: [...SIGNING_ALGS],
    },
    clientDefaults: {
      id_token_signed_response_alg: 'EdDSA',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      fapi: { enabled: true, profile: '2.0' },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
      dPoP: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      revocation: { enabled: true },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => apiResource(),
        useGrantedResource: async () => true,
        /* the API, with the scopes this partner was registered for */
        getResourceServerInfo: async (_ctx, resource, client) => {
          if (resource !== apiResource()) throw new errors.InvalidTarget()
          return {
            scope: (await partnerScopes(client.clientId)).join(' '),
            audience: apiResource(),
            accessTokenFormat: 'opaque',
            accessTokenTTL: openbankingConfig.accessTokenTtl,
          }
        },
      },
    },
    extraParams: { openbanking_intent_id: consentIntentParam },
    extraTokenClaims: async (_ctx, token) => consentClaims('grantId' in token ? token.grantId : undefined),
    findAccount: async (_ctx, sub) => customerAccount(sub),
    /* a grant is never reused across authorizations: each belongs to one consent */
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined
    },
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.kind === 'AuthorizationCode',
    rotateRefreshToken: false,
    interactions: {
      policy,
      url: (_ctx, interaction) => `${openbankingConfig.consentPath}/${interaction.uid}`,
    },
    ttl: {
      AuthorizationCode: openbankingConfig.authorizationCodeTtl,
      AccessToken: openbankingConfig.accessTokenTtl,
      ClientCredentials: openbankingConfig.accessTokenTtl,
      RefreshToken: openbankingConfig.refreshTokenTtl,
      Grant: openbankingConfig.refreshTokenTtl,
      Interaction: openbankingConfig.interactionTtl,
      Session: openbankingConfig.interactionTtl,
      PushedAuthorizationRequest: 60,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'application/json'
      ctx.body = out
    },
  }

  const provider = new Provider(openbankingConfig.issuer, configuration)
  /*
   * Behind a TLS-terminating load balancer: believe X-Forwarded-Proto/-Host/-For
   * (secure cookies, endpoint URLs, ctx.ip from the nearest hop). The OAuth
   * middleware strips those headers from peers not in TRUSTED_PROXIES, the
   * same rule as the rest of the app (config/app.ts trustProxy).
   */
  provider.proxy = true
  provider.app.maxIpsCount = 1
  return provider
}

/** The server's signing key as a public+private JWK (its public half is published at /oauth/jwks) */
export function signingJwk() {
  const configured = openbankingConfig.signingKey?.trim()
  if (!configured && openbankingConfig.nodeEnv === 'production') {
    throw new Error('OAUTH_SIGNING_KEY is required in production (an Ed25519 seed: node ace audit:keygen makes one)')
  }
  const key = configured
    ? parseSigningKey(configured, 'OAUTH_SIGNING_KEY')
    : derivedSigningKey(openbankingConfig.appKey, 'oauth-signing-key/v1')
  const jwk = key.export({ format: 'jwk' })
  const kid = createHash('sha256').update(createPublicKey(key).export({ format: 'der', type: 'spki' })).digest('base64url').slice(0, 16)
  return { ...jwk, kid, alg: 'EdDSA', use: 'sig' }
}

/** Keys signing the server's own cookies (interaction and session), derived from APP_KEY */
function cookieKeys(): string[] {
  return [Buffer.from(hkdfSync('sha256', openbankingConfig.appKey, 'strongroom', 'oauth-cookies/v1', 32)).toString('base64url')]
}
