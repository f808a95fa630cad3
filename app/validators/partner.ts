import vine, { errors } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
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
    .object({ keys: vine.array(vine.object({ kty: text() }).allowUnknownProperties()).minLength(1).maxLength(10) })
    .optional()
    .requiredIfMissing('jwksUri'),
  jwksUri: secureUrl().optional().requiredIfMissing('jwks'),
  redirectUris: vine.array(secureUrl()).minLength(1).maxLength(10).distinct(),
  corsOrigins: vine.array(secureUrl()).maxLength(10).distinct().optional(),
  scopes: vine.array(vine.enum(['accounts', 'payments'] as const)).minLength(1).distinct(),
  rateTier: vine.enum(['sandbox', 'standard', 'premium'] as const).optional(),
})

/* ---- The backoffice's partner pages ---- */

const page = () => vine.number().withoutDecimals().min(1).max(100000).optional()

/** A consent id (aac-/pdc- + UUID), as the partner page's `consent` parameter and route */
export const CONSENT_ID_PATTERN = /^(aac|pdc)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Partner list: filter by status, paginated on the server */
export const listPartnersValidator = vine.create({
  status: vine.enum(['active', 'suspended'] as const).optional(),
  page: page(),
  perPage: vine.number().withoutDecimals().min(5).max(100).optional(),
})

/** Partner page: its consents' page, the consent whose access log is open, that log's page */
export const showPartnerValidator = vine.create({
  page: page(),
  consent: text().trim().regex(CONSENT_ID_PATTERN).optional(),
  log_page: page(),
})

/**
 * Request the registration of a partner (four-eyes), as the form sends it:
 * the JWKS as JSON text (or a jwks_uri, per `key_source`), redirect URIs
 * and origins one per line. partnerRegistrationFromForm() turns it into
 * registerPartnerValidator's input and validates it with that validator.
 */
export const requestPartnerRegistrationValidator = vine.create({
  name: text().trim().maxLength(200),
  key_source: vine.enum(['jwks', 'jwks_uri'] as const),
  jwks: text().maxLength(50_000).optional(),
  jwks_uri: text().trim().maxLength(500).optional(),
  redirect_uris: text().maxLength(6_000),
  cors_origins: text().maxLength(6_000).optional(),
  /* checkboxes: a plain form posts one ticked box as a string */
  scopes: vine
    .array(vine.enum(['accounts', 'payments'] as const))
    .minLength(1)
    .distinct()
    .parse((value) => (typeof value === 'string' ? [value] : value)),
  rate_tier: vine.enum(['sandbox', 'standard', 'premium'] as const),
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})

/** Suspend a partner (immediate): why, for the audit trail */
export const suspendPartnerValidator = vine.create({
  reason: text().trim().minLength(3).maxLength(500),
})

/** Request a partner's reactivation (four-eyes) */
export const requestPartnerReactivationValidator = vine.create({
  reason: text().trim().maxLength(500).optional(),
  idempotency_key: text().trim().minLength(8).maxLength(100),
})

/** Staff revoke a consent: the reason is required (the audit row and the consent's status reason) */
export const revokeConsentValidator = vine.create({
  reason: text().trim().minLength(3).maxLength(500),
})

type RegistrationForm = Infer<typeof requestPartnerRegistrationValidator>

/** registerPartnerValidator's fields → the form's */
const FORM_FIELDS: Record<string, string> = {
  name: 'name',
  jwks: 'jwks',
  jwksUri: 'jwks_uri',
  redirectUris: 'redirect_uris',
  corsOrigins: 'cors_origins',
  scopes: 'scopes',
  rateTier: 'rate_tier',
}

const lines = (value: string | undefined) =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')

function formError(field: string, message: string, rule = 'partnerRegistration'): never {
  throw new errors.E_VALIDATION_ERROR([{ field, rule, message }])
}

/**
 * The registration form as RegisterPartner's input, validated by
 * registerPartnerValidator (the one rule set of `partners:create` and the
 * backoffice). Errors come back on the form's own fields: "redirect_uris"
 * with the line, "jwks" with the key, so the page shows them next to
 * the input.
 */
export async function partnerRegistrationFromForm(form: RegistrationForm): Promise<Infer<typeof registerPartnerValidator>> {
  let jwks: unknown
  if (form.key_source === 'jwks') {
    if (!form.jwks?.trim()) formError('jwks', 'Paste the partner\'s public JWKS ({"keys": [...]})', 'required')
    try {
      jwks = JSON.parse(form.jwks)
    } catch {
      formError('jwks', 'The JWKS is not valid JSON', 'json')
    }
  } else if (!form.jwks_uri) {
    formError('jwks_uri', "Give the partner's jwks_uri (https)", 'required')
  }
  const data = {
    name: form.name,
    jwks: form.key_source === 'jwks' ? jwks : undefined,
    jwksUri: form.key_source === 'jwks_uri' ? form.jwks_uri : undefined,
    redirectUris: lines(form.redirect_uris),
    corsOrigins: lines(form.cors_origins),
    scopes: form.scopes,
    rateTier: form.rate_tier,
  }
  try {
    return await vine.validate({ schema: registerPartnerValidator.schema, data })
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    const messages = (error.messages as Array<{ field: string; message: string; rule: string; index?: number }>).map((m) => {
      const [top, ...rest] = m.field.split('.')
      const index = rest.find((part) => /^\d+$/.test(part))
      if (index === undefined) return { field: FORM_FIELDS[top] ?? top, rule: m.rule, message: m.message }
      if (top === 'jwks') return { field: 'jwks', rule: m.rule, message: `Key ${Number(index) + 1}: ${m.message}` }
      const value = String((data as unknown as Record<string, unknown[]>)[top]?.[Number(index)] ?? '')
      const why = m.rule === 'regex' ? 'must start with https:// (http only on localhost)' : m.message.replace(/^The \S+ field /, '')
      return { field: FORM_FIELDS[top] ?? top, rule: m.rule, message: `Line ${Number(index) + 1} (${value}): ${why}` }
    })
    throw new errors.E_VALIDATION_ERROR(messages)
  }
}
