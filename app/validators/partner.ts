import vine from '@vinejs/vine'
import { text } from '#validators/common'

/**
 * A redirect URI or origin of a partner: https, or plain http on the
 * loopback (a partner developer against `npm run up`, the tests).
 */
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/
const secureUrl = () =>
  text()
    .trim()
    .maxLength(500)
    .url({ require_tld: false, protocols: ['https', 'http'] })
    .regex(new RegExp(`^https://|${LOOPBACK_HTTP.source}`))

/** Registering a partner (`node ace partners:create`, the backoffice four-eyes request) */
export const registerPartnerValidator = vine.create({
  name: text().trim().minLength(2).maxLength(120),
  clientId: text().trim().regex(/^[A-Za-z0-9._-]{8,64}$/).optional(),
  jwks: vine
    .object({ keys: vine.array(vine.object({ kty: vine.string() }).allowUnknownProperties()).minLength(1).maxLength(10) })
    .optional()
    .requiredIfMissing('jwksUri'),
  jwksUri: secureUrl().optional().requiredIfMissing('jwks'),
  redirectUris: vine.array(secureUrl()).minLength(1).maxLength(10).distinct(),
  corsOrigins: vine.array(secureUrl()).maxLength(10).distinct().optional(),
  scopes: vine.array(vine.enum(['accounts', 'payments'] as const)).minLength(1).distinct(),
  rateTier: vine.enum(['sandbox', 'standard', 'premium'] as const).optional(),
})
