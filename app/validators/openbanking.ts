import vine from '@vinejs/vine'
import { dateTime, text } from '#validators/common'
import { ACCOUNT_PERMISSIONS } from '#domain/openbanking/consent'

/**
 * POST /api/v1/account-access-consents (UK Open Banking v4 shape:
 * `Data.Permissions`, optional expiry and transaction window; `Risk` is
 * accepted and ignored). Cross-field rules (permission combinations,
 * window order, future expiry) are the action's, with clear messages.
 */
export const createAccountAccessConsentValidator = vine.create({
  Data: vine.object({
    Permissions: vine.array(vine.enum(ACCOUNT_PERMISSIONS)).minLength(1).maxLength(ACCOUNT_PERMISSIONS.length),
    ExpirationDateTime: dateTime().optional(),
    TransactionFromDateTime: dateTime().optional(),
    TransactionToDateTime: dateTime().optional(),
  }),
  Risk: vine.object({}).allowUnknownProperties().optional(),
})

/** A consent id in a path: aac-/pdc- + UUID */
export const consentIdValidator = vine.create({
  id: text().regex(/^(aac|pdc)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
})

/** The customer's decision on the consent page: which accounts to share, or a refusal */
export const decideConsentValidator = vine.create({
  decision: vine.enum(['approve', 'reject'] as const),
  accountIds: vine.array(vine.number().withoutDecimals().positive()).distinct().maxLength(50).optional(),
})

/** The consent page's sign-in: password and TOTP code, both required (strong customer authentication) */
export const consentSignInValidator = vine.create({
  email: text().trim().email().maxLength(254),
  password: text().minLength(1).maxLength(200),
  otp: text().trim().regex(/^\d{6}$/),
})
