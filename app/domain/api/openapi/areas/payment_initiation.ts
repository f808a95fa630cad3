import AccountClosedException from '#exceptions/account_closed_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import ConsentConsumedException from '#exceptions/consent_consumed_exception'
import ConsentNotAuthorisedException from '#exceptions/consent_not_authorised_exception'
import ConsentNotFoundException from '#exceptions/consent_not_found_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import IdempotencyInFlightException from '#exceptions/idempotency_in_flight_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import KycNotVerifiedException from '#exceptions/kyc_not_verified_exception'
import LimitExceededException from '#exceptions/limit_exceeded_exception'
import PaymentBlockedException from '#exceptions/payment_blocked_exception'
import PaymentInitiationMismatchException from '#exceptions/payment_initiation_mismatch_exception'
import SameAccountException from '#exceptions/same_account_exception'
import TransferNotFoundException from '#exceptions/transfer_not_found_exception'
import { ACCOUNT_NUMBER_SCHEME } from '#domain/openbanking/payment_initiation'
import { supportedCurrencies } from '#domain/money/currencies'
import { consentIdParameter, HEADERS, obDocument, parameterRef, partnerHeaders, schemaRef, UUID_PATTERN } from '#domain/api/openapi/components'
import { json, jsonBody, type ApiArea, type Auth } from '#domain/api/openapi/area'
import type { Parameter, Schema } from '#domain/api/openapi/types'

/** A partner's client-credentials token with scope `payments` (PartnerAuthMiddleware) */
const CLIENT: Auth = { partner: ['payments'] }
/**
 * A partner's token the customer authorised for one payment consent
 * (ApiAuthMiddleware with `partners: 'payments', customers: false`): a
 * request without a DPoP token is 401 E_INVALID_TOKEN.
 */
const CUSTOMER_AUTHORISED: Auth = { partner: ['payments'] }
const AUTHORISED_PROBLEMS = [ConsentNotAuthorisedException]
const PARTNER = partnerHeaders({ onlyPartners: true })
const PARTNER_PARAMETERS = [parameterRef('DPoP'), parameterRef('FapiInteractionId')]

const CONSENT_ID = consentIdParameter('pdc')

const PAYMENT_ID: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The DomesticPaymentId. Another partner\'s payment, or a malformed id, is 404 E_TRANSFER_NOT_FOUND.',
  schema: { type: 'string', examples: ['dp-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
}

const IDEMPOTENCY_KEY: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'Your unique key for this payment (1-200 visible ASCII characters, a UUID is best), scoped to you. The same key again returns the same payment with 200 and `Idempotent-Replayed: true`; another key after the payment was made is 409 E_CONSENT_CONSUMED; a key you used for another customer\'s payment is 422 E_IDEMPOTENCY_KEY_REUSED. Missing: 422 E_VALIDATION_ERROR.',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]+$', examples: ['5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
}

const identification = (description: string): Schema => ({ type: 'string', minLength: 1, maxLength: 35, description })

const PAYMENT_STATUS: Schema = {
  type: 'string',
  enum: ['RCVD', 'PDNG', 'ACSC', 'RJCT'],
  description:
    'ISO 20022: `ACSC` booked (settled), `PDNG` held by the bank\'s risk review (the amount reserved, nothing booked yet), `RJCT` refused after the review. `RCVD` (received) may appear before processing.',
}

/** Domestic payment consents, funds confirmation and domestic payments (UK OB v4): DomesticPaymentConsentsController, DomesticPaymentsController */
export const paymentInitiation: ApiArea = {
  tag: {
    name: 'Payment initiation',
    description: [
      'For partners (open banking, UK Open Banking v4 shapes, simplified to payments between Strongroom accounts by account number).',
      '',
      '1. With a client-credentials token (scope `payments`), create a domestic-payment consent with the `Initiation` (amount, payee, references). It is `AWAU` and must be authorised within an hour.',
      '2. Push an authorization request naming it (`openbanking_intent_id`); the customer chooses the account to pay from and approves with their password and TOTP code (strong customer authentication, dynamically linked to this payment).',
      '3. With the token from the code: optionally confirm funds, then `POST /domestic-payments` with the same ConsentId and the identical `Initiation`, and an `Idempotency-Key`. The payment is checked like the customer\'s own (limits, risk rules, frozen account, KYC). A consent pays once: it becomes `COND` (consumed).',
      '4. Read the payment and its status with a client-credentials token.',
    ].join('\n'),
  },
  schemas: {
    OBDomesticInitiation: {
      type: 'object',
      description: 'The payment. `POST /domestic-payments` must repeat the consent\'s Initiation exactly (422 E_INITIATION_MISMATCH otherwise).',
      required: ['InstructionIdentification', 'EndToEndIdentification', 'InstructedAmount', 'CreditorAccount'],
      properties: {
        InstructionIdentification: identification('Your id of the instruction.'),
        EndToEndIdentification: identification('Your end-to-end reference, passed on with the payment.'),
        InstructedAmount: {
          type: 'object',
          required: ['Amount', 'Currency'],
          properties: {
            Amount: {
              type: 'string',
              pattern: '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,3})?$',
              description:
                'A positive decimal string. More decimals than the currency has (GBP 2), or zero, is refused when the payment is made (422 E_INVALID_AMOUNT).',
              examples: ['25.00'],
            },
            Currency: { type: 'string', enum: supportedCurrencies(), examples: ['GBP'] },
          },
        },
        CreditorAccount: {
          type: 'object',
          required: ['SchemeName', 'Identification'],
          properties: {
            SchemeName: { type: 'string', const: ACCOUNT_NUMBER_SCHEME },
            Identification: {
              type: 'string',
              pattern: '^[Ss][Rr][0-9]{10}$',
              description: 'The payee\'s Strongroom account number (stored upper-case).',
              examples: ['SR0000000042'],
            },
            Name: { type: 'string', maxLength: 140, examples: ['Payee Ltd'] },
          },
        },
        RemittanceInformation: {
          type: 'object',
          properties: { Reference: { type: 'string', maxLength: 35, description: 'The payment reference the payee sees.', examples: ['Order 1234'] } },
        },
      },
    },
    OBDomesticPaymentConsentRequest: {
      type: 'object',
      required: ['Data'],
      properties: {
        Data: { type: 'object', required: ['Initiation'], properties: { Initiation: schemaRef('OBDomesticInitiation') } },
        Risk: schemaRef('OBRisk'),
      },
    },
    OBDomesticPaymentConsent: {
      type: 'object',
      required: ['ConsentId', 'Status', 'CreationDateTime', 'StatusUpdateDateTime', 'ExpirationDateTime', 'Initiation'],
      properties: {
        ConsentId: { type: 'string', pattern: `^pdc-${UUID_PATTERN}$`, examples: ['pdc-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
        Status: { ...schemaRef('OBConsentStatus'), description: '`COND` once its payment was made.' },
        StatusReason: { type: ['string', 'null'], description: 'Why it was refused or revoked, for a person; absent or null otherwise.' },
        CreationDateTime: schemaRef('Timestamp'),
        StatusUpdateDateTime: schemaRef('Timestamp'),
        ExpirationDateTime: { type: ['string', 'null'], format: 'date-time', description: 'Authorise (and pay) before this instant.' },
        Initiation: schemaRef('OBDomesticInitiation'),
      },
    },
    OBFundsConfirmation: {
      type: 'object',
      required: ['FundsAvailableResult'],
      properties: {
        FundsAvailableResult: {
          type: 'object',
          required: ['FundsAvailableDateTime', 'FundsAvailable'],
          properties: {
            FundsAvailableDateTime: schemaRef('Timestamp'),
            FundsAvailable: {
              type: 'boolean',
              description: 'Whether the account the customer chose has the InstructedAmount available now. Nothing is reserved.',
            },
          },
        },
      },
    },
    OBDomesticPaymentRequest: {
      type: 'object',
      required: ['Data'],
      properties: {
        Data: {
          type: 'object',
          required: ['ConsentId', 'Initiation'],
          properties: {
            ConsentId: { type: 'string', maxLength: 60, description: 'The consent the token was issued for.' },
            Initiation: schemaRef('OBDomesticInitiation'),
          },
        },
        Risk: schemaRef('OBRisk'),
      },
    },
    OBDomesticPayment: {
      type: 'object',
      required: ['DomesticPaymentId', 'ConsentId', 'Status', 'CreationDateTime', 'StatusUpdateDateTime', 'Initiation'],
      properties: {
        DomesticPaymentId: { type: 'string', pattern: `^dp-${UUID_PATTERN}$`, examples: ['dp-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
        ConsentId: { type: 'string', pattern: `^pdc-${UUID_PATTERN}$` },
        Status: PAYMENT_STATUS,
        CreationDateTime: schemaRef('Timestamp'),
        StatusUpdateDateTime: schemaRef('Timestamp'),
        Initiation: schemaRef('OBDomesticInitiation'),
      },
    },
    OBPaymentDetails: {
      type: 'object',
      required: ['PaymentStatus'],
      properties: {
        PaymentStatus: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['PaymentTransactionId', 'Status', 'StatusUpdateDateTime'],
            properties: {
              PaymentTransactionId: {
                type: ['string', 'null'],
                pattern: '^[1-9][0-9]{0,15}$',
                description: 'The ledger transaction once booked; null while held or after a refusal.',
              },
              Status: PAYMENT_STATUS,
              StatusUpdateDateTime: schemaRef('Timestamp'),
              StatusDetail: {
                type: 'object',
                required: ['StatusReason'],
                properties: { StatusReason: { type: 'string', description: 'Why it is pending or was refused, for a person.' } },
              },
            },
          },
        },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.domestic_payment_consents.store',
      method: 'post',
      path: '/domestic-payment-consents',
      summary: 'Ask a customer to authorise one domestic payment',
      description: 'Creates the consent as `AWAU` with the Initiation, to be authorised by the customer within an hour.',
      auth: CLIENT,
      parameters: PARTNER_PARAMETERS,
      requestBody: jsonBody(schemaRef('OBDomesticPaymentConsentRequest')),
      responses: { 201: json('The consent, awaiting the customer', obDocument(schemaRef('OBDomesticPaymentConsent'), { risk: true }), PARTNER) },
      problems: [InvalidAmountException],
    },
    {
      route: 'api.v1.domestic_payment_consents.show',
      method: 'get',
      path: '/domestic-payment-consents/{id}',
      summary: 'Get one of your domestic-payment consents',
      auth: CLIENT,
      parameters: [CONSENT_ID, ...PARTNER_PARAMETERS],
      responses: { 200: json('The consent', obDocument(schemaRef('OBDomesticPaymentConsent'), { risk: true }), PARTNER) },
      problems: [ConsentNotFoundException],
    },
    {
      route: 'api.v1.domestic_payment_consents.funds_confirmation',
      method: 'get',
      path: '/domestic-payment-consents/{id}/funds-confirmation',
      summary: 'Confirm the customer\'s account holds the payment\'s amount',
      description:
        'With the token the customer authorised for this consent (another consent\'s id is 404). Reads the available balance of the account the customer chose; reserves nothing.',
      auth: CUSTOMER_AUTHORISED,
      parameters: [CONSENT_ID, ...PARTNER_PARAMETERS],
      responses: { 200: json('Whether the funds are available now', obDocument(schemaRef('OBFundsConfirmation')), PARTNER) },
      problems: [...AUTHORISED_PROBLEMS, ConsentNotFoundException],
    },
    {
      route: 'api.v1.domestic_payments.store',
      method: 'post',
      path: '/domestic-payments',
      summary: 'Make the payment the customer authorised',
      description: [
        'With the token the customer authorised for the consent. The body repeats its ConsentId and identical Initiation (422 E_INITIATION_MISMATCH otherwise; the consent stays usable). The payment posts from the account the customer chose, checked like the customer\'s own payments: limits (422 E_LIMIT_EXCEEDED with `limit`), funds, a frozen or closed account, KYC, the bank\'s risk rules (422 E_PAYMENT_BLOCKED, or held for review: `Status: PDNG`).',
        '',
        'A consent pays once: of concurrent submissions one books, the others get 409 E_CONSENT_CONSUMED; the same Idempotency-Key again answers the original payment with 200 and `Idempotent-Replayed: true`.',
      ].join('\n'),
      auth: CUSTOMER_AUTHORISED,
      parameters: [IDEMPOTENCY_KEY, ...PARTNER_PARAMETERS],
      requestBody: jsonBody(schemaRef('OBDomesticPaymentRequest')),
      responses: {
        201: json('Made: booked (`ACSC`) or held for the bank\'s review (`PDNG`)', obDocument(schemaRef('OBDomesticPayment')), PARTNER),
        200: json('A replay of the same Idempotency-Key: the original payment, as it is now', obDocument(schemaRef('OBDomesticPayment')), {
          ...PARTNER,
          'Idempotent-Replayed': { ...HEADERS['Idempotent-Replayed'], required: true },
        }),
      },
      problems: [
        ...AUTHORISED_PROBLEMS,
        PaymentInitiationMismatchException,
        ConsentConsumedException,
        IdempotencyInFlightException,
        IdempotencyKeyReusedException,
        KycNotVerifiedException,
        AccountNotFoundException,
        InsufficientFundsException,
        LimitExceededException,
        AccountFrozenException,
        AccountClosedException,
        CurrencyMismatchException,
        SameAccountException,
        InvalidAmountException,
        PaymentBlockedException,
      ],
    },
    {
      route: 'api.v1.domestic_payments.show',
      method: 'get',
      path: '/domestic-payments/{id}',
      summary: 'Get one of your domestic payments',
      auth: CLIENT,
      parameters: [PAYMENT_ID, ...PARTNER_PARAMETERS],
      responses: { 200: json('The payment and its status now', obDocument(schemaRef('OBDomesticPayment')), PARTNER) },
      problems: [TransferNotFoundException],
    },
    {
      route: 'api.v1.domestic_payments.details',
      method: 'get',
      path: '/domestic-payments/{id}/payment-details',
      summary: 'Get the status of one of your domestic payments, with its reason',
      auth: CLIENT,
      parameters: [PAYMENT_ID, ...PARTNER_PARAMETERS],
      responses: { 200: json('The payment status', obDocument(schemaRef('OBPaymentDetails')), PARTNER) },
      problems: [TransferNotFoundException],
    },
  ],
}
