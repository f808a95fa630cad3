import vine from '@vinejs/vine'
import { dateTime, text } from '#validators/common'
import { ACCOUNT_PERMISSIONS } from '#domain/openbanking/consent'
import { ACCOUNT_NUMBER_SCHEME } from '#domain/openbanking/payment_initiation'
import { supportedCurrencies } from '#domain/money/currencies'

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

/** GET /api/v1/consents (the customer's connected partners) */
export const listConsentsValidator = vine.create({
  limit: vine.number().withoutDecimals().min(1).max(100).optional(),
  cursor: text().trim().maxLength(200).regex(/^[A-Za-z0-9_-]+$/).optional(),
})

const identification = () => text().trim().minLength(1).maxLength(35)

/** A domestic payment's Initiation (UK OB v4, simplified): this bank's account numbers only */
const initiation = () =>
  vine.object({
    InstructionIdentification: identification(),
    EndToEndIdentification: identification(),
    InstructedAmount: vine.object({
      Amount: text().regex(/^(0|[1-9]\d{0,14})(\.\d{1,3})?$/),
      Currency: text().in(supportedCurrencies()),
    }),
    CreditorAccount: vine.object({
      SchemeName: vine.enum([ACCOUNT_NUMBER_SCHEME] as const),
      Identification: text().trim().toUpperCase().regex(/^SR\d{10}$/),
      Name: text().trim().maxLength(140).optional(),
    }),
    RemittanceInformation: vine.object({ Reference: text().trim().maxLength(35).optional() }).optional(),
  })

/** POST /api/v1/domestic-payment-consents */
export const createDomesticPaymentConsentValidator = vine.create({
  Data: vine.object({ Initiation: initiation() }),
  Risk: vine.object({}).allowUnknownProperties().optional(),
})

/** POST /api/v1/domestic-payments: the authorised consent and the same Initiation; Idempotency-Key required */
export const createDomesticPaymentValidator = vine.create({
  headers: vine.object({
    'idempotency-key': text().minLength(1).maxLength(200).regex(/^[\x21-\x7E]+$/),
  }),
  Data: vine.object({ ConsentId: text().trim().maxLength(60), Initiation: initiation() }),
  Risk: vine.object({}).allowUnknownProperties().optional(),
})
