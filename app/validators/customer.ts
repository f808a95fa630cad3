import vine from '@vinejs/vine'
import { text, calendarDate } from '#validators/common'
import type { FieldContext } from '@vinejs/vine/types'
import { supportedCurrencies } from '#domain/money/currencies'
import { regionCodes } from '#services/residency/regions'
import { blindIndex } from '#services/keys/blind_index'
import {
  KYC_DOCUMENT_EXTNAMES,
  KYC_DOCUMENT_MAX_SIZE,
  KYC_DOCUMENT_TYPES,
} from '#domain/customers/customer_record'

/** Names are sealed (ARCHITECTURE §8): the directory cannot sort by name */
export const CUSTOMER_SORTS = ['number', 'created'] as const

/** GET /backoffice/customers: search, KYC filter, server-side sort (number or created) and pagination */
export const listCustomersValidator = vine.create({
  q: text().trim().maxLength(100).optional(),
  kyc: vine.enum(['pending', 'verified', 'rejected']).optional(),
  sort: vine.enum(CUSTOMER_SORTS).optional(),
  direction: vine.enum(['asc', 'desc']).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(5).max(100).optional(),
})

const ADDRESS_FIELDS = ['addressLine1', 'addressLine2', 'city', 'postcode', 'country']
const addressPart = (max: number) =>
  text().trim().maxLength(max).optional().requiredIfAnyExists(ADDRESS_FIELDS)

/**
 * Another customer's email, compared case-insensitively through the blind
 * index (a row not yet sealed by its plaintext column); the update
 * excludes the customer itself.
 */
const uniqueEmail = () =>
  text()
    .trim()
    .email()
    .maxLength(254)
    .normalizeEmail({ all_lowercase: true, gmail_remove_dots: false, gmail_remove_subaddress: false })
    .unique(async (db, value: string, field: FieldContext) => {
      const index = await blindIndex('email', value)
      const query = db
        .from('customers')
        .where((where) =>
          where
            .where('email_index', index)
            .orWhere((legacy) => legacy.whereNull('personal_data').whereRaw('lower(email) = ?', [value.toLowerCase()]))
        )
      if (field.meta.customerId) query.whereNot('id', field.meta.customerId)
      return !(await query.select('id').first())
    })

/**
 * Create / update a customer. Sensitive fields (phone, date of birth,
 * address, national id) are optional; on update a blank field keeps the stored value
 * (the edit form never receives them in clear).
 */
const customerFields = {
  fullName: text().trim().minLength(2).maxLength(200),
  email: uniqueEmail(),
  phone: text()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,30}$/)
    .optional(),
  dateOfBirth: calendarDate()
    .before('today')
    .after('1900-01-01')
    .optional(),
  /** Sensitive, optional: letters, digits, spaces and dashes (found exactly through its blind index) */
  nationalId: text()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9 -]{2,38}[A-Z0-9]$/)
    .optional(),
  addressLine1: addressPart(200),
  addressLine2: text().trim().maxLength(200).optional(),
  city: addressPart(100),
  postcode: addressPart(20),
  country: text()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .requiredIfAnyExists(ADDRESS_FIELDS),
  /** residency: one of RESIDENCY_REGIONS (create: default RESIDENCY_DEFAULT_REGION; update: a change is refused) */
  residencyRegion: vine.enum(() => regionCodes()).optional(),
}

export const createCustomerValidator = vine.create(customerFields)
export const updateCustomerValidator = vine.create(customerFields)

/** POST /backoffice/customers/:id/kyc: a rejection needs its reason */
export const reviewKycValidator = vine.create({
  status: vine.enum(['pending', 'verified', 'rejected']),
  reason: text()
    .trim()
    .minLength(3)
    .maxLength(1000)
    .optional()
    .requiredWhen('status', '=', 'rejected'),
})

/** POST /backoffice/customers/:id/documents: PDF, JPEG or PNG up to 10 MB */
export const uploadKycDocumentValidator = vine.create({
  type: vine.enum(KYC_DOCUMENT_TYPES),
  file: vine.file({ size: KYC_DOCUMENT_MAX_SIZE, extnames: KYC_DOCUMENT_EXTNAMES }),
})

/** Backoffice: a customer's payment limits in one currency (decimal strings; raising is four-eyes) */
export const changePaymentLimitsValidator = vine.create({
  currency: text().in(supportedCurrencies()),
  single: text().trim().regex(/^(0|[1-9]\d{0,14})(\.\d{1,3})?$/),
  daily: text().trim().regex(/^(0|[1-9]\d{0,14})(\.\d{1,3})?$/),
  reason: text().trim().maxLength(500).optional(),
  idempotencyKey: text().trim().uuid(),
})
