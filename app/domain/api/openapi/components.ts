import { supportedCurrencies } from '#domain/money/currencies'
import type { Header, Parameter, Reference, Schema, SecurityScheme } from '#domain/api/openapi/types'

/**
 * What every part of the /api/v1 document shares: the envelope, money,
 * ids, the problem (RFC 9457), the common parameters and headers, and the
 * security schemes. An area's own schemas (Account, Transfer ...) live in
 * its file under ./areas and are merged into components by document.ts.
 */

export const schemaRef = (name: string): Reference => ({ $ref: `#/components/schemas/${name}` })
export const parameterRef = (name: keyof typeof PARAMETERS): Reference => ({ $ref: `#/components/parameters/${name}` })
export const headerRef = (name: keyof typeof HEADERS): Reference => ({ $ref: `#/components/headers/${name}` })

/** `{ data, links?, meta? }`: every successful JSON body */
export function envelope(data: Schema, options: { links?: Schema; meta?: Schema } = {}): Schema {
  return {
    type: 'object',
    required: ['data', ...(options.links ? ['links'] : [])],
    properties: {
      data,
      ...(options.links ? { links: options.links } : {}),
      ...(options.meta ? { meta: options.meta } : {}),
    },
  }
}

/** A page of a cursor-paginated list: `data[]` and `links.next` (null on the last page) */
export function page(item: Schema): Schema {
  return envelope({ type: 'array', items: item }, { links: schemaRef('PageLinks') })
}

/** A nullable variant of a $ref or schema (OAS 3.1 has no `nullable`) */
export function nullable(schema: Schema): Schema {
  return { oneOf: [schema, { type: 'null' }] }
}

/**
 * A UK Open Banking body (the partner endpoints): `{ Data, Risk?, Links, Meta }`
 * with PascalCase members, not the `{ data, links }` envelope. `risk`: the
 * resource carries the `Risk` it was created with (consents).
 */
export function obDocument(data: Schema, options: { risk?: boolean } = {}): Schema {
  return {
    type: 'object',
    required: ['Data', ...(options.risk ? ['Risk'] : []), 'Links', 'Meta'],
    properties: {
      Data: data,
      ...(options.risk ? { Risk: schemaRef('OBRisk') } : {}),
      Links: schemaRef('OBLinks'),
      Meta: schemaRef('OBMeta'),
    },
  }
}

export const SHARED_SCHEMAS: Record<string, Schema> = {
  Id: {
    type: 'string',
    pattern: '^[1-9][0-9]{0,15}$',
    maxLength: 16,
    description: 'A resource id: digits in a JSON string (never a number, ids are 64-bit).',
    examples: ['42'],
  },
  Currency: {
    type: 'string',
    pattern: '^[A-Z]{3}$',
    maxLength: 3,
    description: 'ISO 4217 currency code.',
    examples: ['GBP'],
  },
  Timestamp: {
    type: 'string',
    format: 'date-time',
    description: 'An instant in UTC, ISO 8601 / RFC 3339.',
    examples: ['2026-07-01T09:30:00.000Z'],
  },
  Money: {
    type: 'object',
    description:
      'An amount of money: a decimal **string** with the currency\'s minor-unit digits (JPY 0, GBP 2, KWD 3), never a JSON number. Balances may be negative (an overdraft).',
    required: ['amount', 'currency'],
    properties: {
      amount: { type: 'string', pattern: '^-?(0|[1-9][0-9]*)(\\.[0-9]{1,3})?$', examples: ['12.34'] },
      currency: schemaRef('Currency'),
    },
  },
  MoneyInput: {
    type: 'object',
    description:
      'An amount in a request: a positive decimal string with at most the currency\'s number of decimals ("12.5" GBP yes, "12.345" GBP no: 422 E_INVALID_AMOUNT).',
    required: ['amount', 'currency'],
    properties: {
      amount: { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,3})?$', maxLength: 19, examples: ['12.34'] },
      currency: { type: 'string', enum: supportedCurrencies(), examples: ['GBP'] },
    },
  },
  PageLinks: {
    type: 'object',
    required: ['next'],
    properties: {
      next: {
        type: ['string', 'null'],
        format: 'uri-reference',
        description: 'The next page (same filters, opaque `cursor`); null on the last page.',
        examples: ['/api/v1/accounts?limit=25&cursor=YTo0Mg'],
      },
    },
  },
  ProblemFieldError: {
    type: 'object',
    required: ['message'],
    properties: {
      field: { type: 'string', description: 'The input field (dot path), e.g. `amount.amount` or `preferences.0.enabled`.' },
      message: { type: 'string' },
      rule: { type: 'string', description: 'The rule that failed (`required`, `regex`, `safeText` ...).' },
    },
  },
  LimitProblem: {
    type: 'object',
    description: 'E_LIMIT_EXCEEDED: which limit refused the payment and what remains of it today (UTC).',
    required: ['kind', 'limit', 'remaining'],
    properties: {
      kind: { type: 'string', enum: ['single', 'daily'] },
      limit: schemaRef('Money'),
      remaining: schemaRef('Money'),
    },
  },
  ScaProblem: {
    type: 'object',
    description:
      'E_SCA_REQUIRED for a payment that needs dynamic linking: why, and where to ask for a payment authorisation.',
    required: ['reason', 'authorisationUrl'],
    properties: {
      reason: {
        type: 'string',
        description:
          '`amount_above_threshold`, `new_payee`, or `authorisation_<problem>` (unknown, consumed, expired, too_many_attempts, debtor, payee, amount).',
        examples: ['new_payee'],
      },
      authorisationUrl: { type: 'string', format: 'uri-reference', examples: ['/api/v1/payment-authorisations'] },
      authorisationId: { type: 'string', format: 'uuid' },
    },
  },
  OBRisk: {
    type: 'object',
    description: 'UK Open Banking `Risk`: accepted (any members) and ignored; answered as `{}`.',
  },
  OBLinks: {
    type: 'object',
    required: ['Self'],
    properties: {
      Self: { type: 'string', format: 'uri-reference', description: 'This resource.', examples: ['/api/v1/account-access-consents/aac-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
    },
  },
  OBMeta: {
    type: 'object',
    description: 'UK Open Banking `Meta`: empty here.',
    properties: {},
  },
}

/**
 * Members a problem carries for some codes only (RFC 9457 extension
 * members), added to a response's problem schema when it lists the code.
 */
export const PROBLEM_EXTENSIONS: Record<string, Record<string, Schema>> = {
  E_LIMIT_EXCEEDED: { limit: schemaRef('LimitProblem') },
  E_SCA_REQUIRED: { sca: schemaRef('ScaProblem') },
}

export const PARAMETERS = {
  Limit: {
    name: 'limit',
    in: 'query',
    description: 'Page size, 1-100.',
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
  },
  Cursor: {
    name: 'cursor',
    in: 'query',
    description: 'Opaque position from `links.next` of the previous page; a forged or foreign one is 422 E_VALIDATION_ERROR.',
    schema: { type: 'string', maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' },
  },
  Id: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The resource id. An id that is not yours, or not digits, is 404 (never 403).',
    schema: { type: 'string', examples: ['42'] },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: true,
    description:
      'Your unique key for this payment (1-255 visible ASCII characters, a UUID is best). The same key with the same request returns the original result with `Idempotent-Replayed: true`; with a different request, 422 E_IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 E_IDEMPOTENCY_IN_FLIGHT.',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$', examples: ['5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
  },
  DPoP: {
    name: 'DPoP',
    in: 'header',
    required: true,
    description:
      'Partner calls: the DPoP proof (RFC 9449) of this request, a JWT signed with the key the access token is bound to (`htm`, `htu`, `iat`, a fresh `jti`, `ath` = hash of the token), sent with `Authorization: DPoP <token>`. A missing, replayed or foreign proof is 401 E_INVALID_TOKEN.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' },
  },
  FapiInteractionId: {
    name: 'x-fapi-interaction-id',
    in: 'header',
    description: 'Partner calls: your id for this interaction (1-64 of `A-Za-z0-9-`, a UUID is best), echoed on the response; otherwise one is generated.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$', maxLength: 64, examples: ['93bac548-d2de-4546-b106-880a5018460d'] },
  },
  RequestId: {
    name: 'X-Request-Id',
    in: 'header',
    description: 'Your id for this request (1-64 of `A-Za-z0-9._-`), echoed on the response; otherwise one is generated.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$', maxLength: 64 },
  },
} satisfies Record<string, Parameter>

export const HEADERS = {
  'X-Request-Id': {
    description: 'The request id (yours when valid, else generated); also `requestId` in a problem.',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$', maxLength: 64 },
  },
  'x-fapi-interaction-id': {
    description: 'Partner calls only: the FAPI interaction id (the partner\'s when valid, else generated), echoed.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' },
  },
  RateLimit: {
    description:
      'Partner calls only (draft-ietf-httpapi-ratelimit-headers): what remains of the partner\'s request quota, shared by all its tokens: `"<tier>";r=<requests left>;t=<seconds to the reset>`. Also on the 429 (`r=0`, with Retry-After).',
    schema: { type: 'string', pattern: '^"[a-z]+";r=[0-9]+;t=[0-9]+$', examples: ['"standard";r=118;t=42'] },
  },
  'RateLimit-Policy': {
    description: 'Partner calls only: the partner\'s quota by its tier, `"<tier>";q=<requests>;w=<window seconds>`.',
    schema: { type: 'string', pattern: '^"[a-z]+";q=[0-9]+;w=[0-9]+$', examples: ['"standard";q=120;w=60'] },
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored result of an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
  Deprecation: {
    description: 'RFC 9745: when this operation was deprecated (`@` Unix seconds).',
    required: true,
    schema: { type: 'string', pattern: '^@-?[0-9]+$' },
  },
  Sunset: {
    description: 'RFC 8594: after this instant (HTTP-date) the operation may stop working.',
    required: true,
    schema: { type: 'string', pattern: '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$' },
  },
  Link: {
    description: 'RFC 8288 links; a deprecated operation has `rel="deprecation"` to its migration notes.',
    required: true,
    schema: { type: 'string', pattern: 'rel="deprecation"' },
  },
} satisfies Record<string, Header>

const PARTNER_HEADERS = ['x-fapi-interaction-id', 'RateLimit-Policy', 'RateLimit'] as const

/**
 * The headers of a response to a partner (PartnerAuthMiddleware sets the
 * interaction id, ApiThrottleMiddleware's partnerLimit the quota): required
 * on an operation only partners call, optional where a customer may call too.
 */
export function partnerHeaders(options: { onlyPartners: boolean }): Record<string, Header | Reference> {
  return Object.fromEntries(
    PARTNER_HEADERS.map((name) => [name, options.onlyPartners ? { ...HEADERS[name], required: true } : headerRef(name)])
  )
}

export const SECURITY_SCHEMES: Record<string, SecurityScheme> = {
  customer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'opaque (sr_…)',
    description:
      'A customer token from `POST /auth/tokens` (password, then a TOTP code), valid one hour. Money movement needs a token issued with the code (ability `sca`).',
  },
  partner: {
    type: 'oauth2',
    description: [
      'Partner (third-party provider) access tokens from the Strongroom authorization server at `/oauth` (FAPI 2.0 Security Profile). Metadata: `/oauth/.well-known/openid-configuration` (also `/.well-known/oauth-authorization-server/oauth`).',
      '',
      '- **Client authentication**: `private_key_jwt` only, signed with a key of the JWKS registered with the bank (ES256, PS256 or EdDSA).',
      '- **Client credentials** (no customer): the consent endpoints (`/account-access-consents`, `/domestic-payment-consents`, reading `/domestic-payments`) and partner events, scope `accounts` or `payments`.',
      '- **Authorization code** for one consent: push the request first (PAR, `/oauth/request`; a request that was not pushed is refused) with PKCE `S256` and `openbanking_intent_id` = the ConsentId, then send the customer to `/oauth/auth?client_id=…&request_uri=…`. The customer signs in (password and TOTP) and approves or refuses on the bank\'s consent page; the code lives 60 s and is single-use. The token reads the consented accounts (scope `accounts`) or makes the one consented payment (scope `payments`) until the consent is revoked, consumed or expires; refresh tokens are not rotated.',
      '- **DPoP** (RFC 9449): every token is bound to the partner\'s DPoP key. Send `Authorization: DPoP <token>` and a `DPoP` proof header made for this request (method, URL, token hash, fresh `jti`). A token sent as `Bearer` is refused (401); a missing, replayed or foreign proof, or an unknown, revoked or expired token, is 401 `E_INVALID_TOKEN` with `WWW-Authenticate: DPoP error="…"`. Access tokens are short-lived (5 minutes by default).',
    ].join('\n'),
    flows: {
      authorizationCode: {
        authorizationUrl: '/oauth/auth',
        tokenUrl: '/oauth/token',
        refreshUrl: '/oauth/token',
        scopes: { accounts: 'Read the accounts, balances and transactions the customer consented to', payments: 'Make the one payment the customer consented to' },
      },
      clientCredentials: {
        tokenUrl: '/oauth/token',
        scopes: { accounts: 'Manage account-access consents', payments: 'Manage domestic-payment consents and read their payments' },
      },
    },
  },
}

/** The random part of open-banking ids (aac-, pdc-, dp- + UUID) */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** The `{id}` path parameter of a partner's consent of this kind (aac- account access, pdc- domestic payment) */
export function consentIdParameter(prefix: 'aac' | 'pdc'): Parameter {
  return {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The ConsentId. Another partner\'s consent, or a malformed id, is 404 E_CONSENT_NOT_FOUND.',
    schema: { type: 'string', examples: [`${prefix}-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47`] },
  }
}
