import InvalidCredentialsException from '#exceptions/invalid_credentials_exception'
import { envelope, schemaRef } from '#domain/api/openapi/components'
import { json, jsonBody, noContent, type ApiArea } from '#domain/api/openapi/area'

/** Customer sign-in (password + TOTP) and sign-out: start/routes/api_v1.ts, AuthTokensController */
export const authTokens: ApiArea = {
  tag: {
    name: 'Authentication',
    description:
      'Customer bearer tokens. Sign in with password and the current TOTP code to get a one-hour token with ability `sca` (needed to move money); send it as `Authorization: Bearer <token>`.',
  },
  schemas: {
    TokenRequest: {
      type: 'object',
      required: ['email', 'password'],
      properties: {
        email: { type: 'string', format: 'email', maxLength: 254 },
        password: { type: 'string', minLength: 1, maxLength: 512, writeOnly: true },
        otp: { type: 'string', maxLength: 16, description: 'The current code of the authenticator app (required once TOTP is enrolled).', examples: ['123456'] },
      },
    },
    AccessToken: {
      type: 'object',
      required: ['token', 'tokenType', 'expiresAt', 'abilities'],
      properties: {
        token: { type: 'string', pattern: '^sr_', description: 'Opaque; shown once, stored hashed.' },
        tokenType: { type: 'string', const: 'Bearer' },
        expiresAt: schemaRef('Timestamp'),
        abilities: {
          type: 'array',
          items: { type: 'string', enum: ['sca'] },
          description: '`sca`: issued with the second factor (may move money).',
        },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.auth.tokens.store',
      method: 'post',
      path: '/auth/tokens',
      summary: 'Sign in: issue a bearer token',
      description:
        'Unknown e-mail, wrong password, missing and wrong code all answer the same 401 E_INVALID_CREDENTIALS. Failed attempts are limited per e-mail and IP (429 with Retry-After). A sign-in from a new device notifies the customer.',
      auth: 'none',
      requestBody: jsonBody(schemaRef('TokenRequest')),
      responses: { 201: json('The token', envelope(schemaRef('AccessToken'))) },
      problems: [InvalidCredentialsException],
    },
    {
      route: 'api.v1.auth.tokens.destroy',
      method: 'delete',
      path: '/auth/tokens/current',
      summary: 'Sign out: revoke the token of this request',
      auth: 'customer',
      responses: { 204: noContent('Revoked') },
    },
  ],
}
