import env from '#start/env'

/**
 * Open banking: the authorization server for partner fintechs (issue 10,
 * app/services/oauth). Read on use.
 *
 * - OAUTH_ISSUER: the issuer identifier; default APP_URL + '/oauth', where
 *   the server is mounted (its metadata at /oauth/.well-known/openid-configuration
 *   and /.well-known/oauth-authorization-server/oauth).
 * - OAUTH_SIGNING_KEY: Ed25519 key (base64url 32-byte seed or PKCS#8 PEM)
 *   whose public half is the server's JWKS. Production refuses to start the
 *   server without it; development and test derive one from APP_KEY.
 * - OAUTH_ACCESS_TOKEN_TTL_SECONDS (default 300) and
 *   OAUTH_REFRESH_TOKEN_TTL_SECONDS (default 90 days): partner tokens.
 */
const openbankingConfig = {
  mountPath: '/oauth',
  /** the customer-facing consent page: /consent/:uid */
  consentPath: '/consent',
  get issuer(): string {
    return env.get('OAUTH_ISSUER') || new URL('/oauth', env.get('APP_URL')).href
  },
  get nodeEnv(): string {
    return env.get('NODE_ENV')
  },
  get appKey(): string {
    return env.get('APP_KEY').release()
  },
  get signingKey(): string | undefined {
    return env.get('OAUTH_SIGNING_KEY')?.release()
  },
  get accessTokenTtl(): number {
    return env.get('OAUTH_ACCESS_TOKEN_TTL_SECONDS') ?? 300
  },
  get refreshTokenTtl(): number {
    return env.get('OAUTH_REFRESH_TOKEN_TTL_SECONDS') ?? 90 * 24 * 3600
  },
  /** FAPI 2.0: authorization codes live at most 60 s */
  authorizationCodeTtl: 60,
  /** the customer signs in and decides within this many seconds */
  interactionTtl: 600,
  /** how long a consent lasts when the partner asks for no expiry */
  defaultConsentDays: 90,
  /** a domestic-payment consent must be authorised within this many minutes */
  paymentConsentMinutes: 60,
}

export default openbankingConfig
