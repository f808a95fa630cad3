import ConsentNotFoundException from '#exceptions/consent_not_found_exception'
import ConsentStatusConflictException from '#exceptions/consent_status_conflict_exception'
import { ACCOUNT_PERMISSIONS } from '#domain/openbanking/consent'
import { consentIdParameter, obDocument, parameterRef, partnerHeaders, schemaRef, UUID_PATTERN } from '#domain/api/openapi/components'
import { json, jsonBody, noContent, type ApiArea, type Auth } from '#domain/api/openapi/area'
import type { Schema } from '#domain/api/openapi/types'

/** A partner's client-credentials token with scope `accounts` (PartnerAuthMiddleware) */
const AUTH: Auth = { partner: ['accounts'] }
const PARTNER = partnerHeaders({ onlyPartners: true })

const CONSENT_ID = consentIdParameter('aac')

const DATE_TIME_INPUT: Schema = {
  type: 'string',
  format: 'date-time',
  description: 'ISO 8601 with a time zone (`2026-12-31T23:59:59Z`), a real calendar day.',
}

/** Account-access consents (UK Open Banking v4 shape): AccountAccessConsentsController */
export const accountAccessConsents: ApiArea = {
  tag: {
    name: 'Account access consents',
    description: [
      'For partners (open banking, UK Open Banking v4 shapes: `{ Data, Risk, Links, Meta }` with PascalCase members). With a client-credentials token (scope `accounts`), ask for access to a customer\'s account information: the consent is created as `AWAU` (awaiting authorisation); push an authorization request naming it (`openbanking_intent_id`), the customer chooses accounts and approves (`AUTH`) or refuses (`RJCT`), and the token from the code reads `/accounts` within the consent.',
      '',
      'Statuses: `AWAU`, `AUTH`, `RJCT`, `CANC` (revoked by the partner, the customer or the bank), `EXPD` (past `ExpirationDateTime`).',
    ].join('\n'),
  },
  schemas: {
    OBConsentStatus: {
      type: 'string',
      enum: ['AWAU', 'AUTH', 'RJCT', 'COND', 'CANC', 'EXPD'],
      description:
        'ISO 20022: `AWAU` awaiting authorisation, `AUTH` authorised, `RJCT` refused by the customer, `COND` consumed (a payment consent whose payment was made), `CANC` revoked, `EXPD` expired.',
    },
    OBAccountPermissions: {
      type: 'array',
      minItems: 1,
      maxItems: ACCOUNT_PERMISSIONS.length,
      uniqueItems: true,
      items: { type: 'string', enum: ACCOUNT_PERMISSIONS },
      description:
        'What the partner may read. Transactions need `ReadTransactionsBasic` or `ReadTransactionsDetail` together with `ReadTransactionsCredits` and/or `ReadTransactionsDebits`; `ReadAccountsDetail` shows account numbers, `ReadTransactionsDetail` references and counterparties.',
      examples: [['ReadAccountsDetail', 'ReadBalances', 'ReadTransactionsDetail', 'ReadTransactionsCredits', 'ReadTransactionsDebits']],
    },
    OBAccountAccessConsentRequest: {
      type: 'object',
      required: ['Data'],
      properties: {
        Data: {
          type: 'object',
          required: ['Permissions'],
          properties: {
            Permissions: schemaRef('OBAccountPermissions'),
            ExpirationDateTime: { ...DATE_TIME_INPUT, description: 'In the future; default 90 days from now.' },
            TransactionFromDateTime: { ...DATE_TIME_INPUT, description: 'The first booking instant the partner may see.' },
            TransactionToDateTime: { ...DATE_TIME_INPUT, description: 'The last booking instant the partner may see; not before TransactionFromDateTime.' },
          },
        },
        Risk: schemaRef('OBRisk'),
      },
    },
    OBAccountAccessConsent: {
      type: 'object',
      description: 'Which accounts the customer chose is not told here: the partner sees them on `GET /accounts`.',
      required: [
        'ConsentId',
        'Status',
        'CreationDateTime',
        'StatusUpdateDateTime',
        'Permissions',
        'ExpirationDateTime',
        'TransactionFromDateTime',
        'TransactionToDateTime',
      ],
      properties: {
        ConsentId: { type: 'string', pattern: `^aac-${UUID_PATTERN}$`, examples: ['aac-5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
        Status: schemaRef('OBConsentStatus'),
        StatusReason: { type: ['string', 'null'], description: 'Why it was refused or revoked, for a person; absent or null otherwise.' },
        CreationDateTime: schemaRef('Timestamp'),
        StatusUpdateDateTime: schemaRef('Timestamp'),
        Permissions: schemaRef('OBAccountPermissions'),
        ExpirationDateTime: { type: ['string', 'null'], format: 'date-time' },
        TransactionFromDateTime: { type: ['string', 'null'], format: 'date-time' },
        TransactionToDateTime: { type: ['string', 'null'], format: 'date-time' },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.account_access_consents.store',
      method: 'post',
      path: '/account-access-consents',
      summary: 'Ask for access to a customer\'s account information',
      description:
        'Creates the consent as `AWAU`. Permission combinations, an expiry in the past and a transaction window that ends before it starts are 422 E_VALIDATION_ERROR with the field in `errors`; nothing is stored.',
      auth: AUTH,
      parameters: [parameterRef('DPoP'), parameterRef('FapiInteractionId')],
      requestBody: jsonBody(schemaRef('OBAccountAccessConsentRequest')),
      responses: { 201: json('The consent, awaiting the customer', obDocument(schemaRef('OBAccountAccessConsent'), { risk: true }), PARTNER) },
    },
    {
      route: 'api.v1.account_access_consents.show',
      method: 'get',
      path: '/account-access-consents/{id}',
      summary: 'Get one of your account-access consents',
      description: 'Poll it to learn whether the customer approved, refused or revoked it.',
      auth: AUTH,
      parameters: [CONSENT_ID, parameterRef('DPoP'), parameterRef('FapiInteractionId')],
      responses: { 200: json('The consent', obDocument(schemaRef('OBAccountAccessConsent'), { risk: true }), PARTNER) },
      problems: [ConsentNotFoundException],
    },
    {
      route: 'api.v1.account_access_consents.destroy',
      method: 'delete',
      path: '/account-access-consents/{id}',
      summary: 'Revoke one of your account-access consents',
      description:
        'The consent becomes `CANC` and every token issued under it stops working at once. Only a consent awaiting authorisation or authorised can be revoked (409 E_CONSENT_STATUS_CONFLICT otherwise).',
      auth: AUTH,
      parameters: [CONSENT_ID, parameterRef('DPoP'), parameterRef('FapiInteractionId')],
      responses: { 204: { ...noContent('Revoked'), headers: PARTNER } },
      problems: [ConsentNotFoundException, ConsentStatusConflictException],
    },
  ],
}
