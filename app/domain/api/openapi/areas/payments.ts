import AccountClosedException from '#exceptions/account_closed_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import IdempotencyInFlightException from '#exceptions/idempotency_in_flight_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import InvalidOtpException from '#exceptions/invalid_otp_exception'
import KycNotVerifiedException from '#exceptions/kyc_not_verified_exception'
import LimitExceededException from '#exceptions/limit_exceeded_exception'
import PaymentBlockedException from '#exceptions/payment_blocked_exception'
import SameAccountException from '#exceptions/same_account_exception'
import ScaRequiredException from '#exceptions/sca_required_exception'
import TransferNotFoundException from '#exceptions/transfer_not_found_exception'
import { envelope, parameterRef, schemaRef } from '#domain/api/openapi/components'
import { REPLAY_HEADERS, json, jsonBody, type ApiArea } from '#domain/api/openapi/area'
import type { Schema } from '#domain/api/openapi/types'

const ID_INPUT: Schema = {
  description: 'An account id: a JSON string of digits (as the API returns ids) or a positive integer.',
  oneOf: [
    { type: 'string', pattern: '^[1-9][0-9]{0,15}$', maxLength: 16 },
    { type: 'integer', format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  ],
  examples: ['42'],
}

/** Transfers between accounts and dynamic linking: TransfersController, PaymentAuthorisationsController */
export const payments: ApiArea = {
  tag: {
    name: 'Payments',
    description: [
      'Transfers from your account to any Strongroom account, by account id or account number.',
      '',
      'Needs a token with ability `sca` (403 E_SCA_REQUIRED otherwise) and an `Idempotency-Key`. Payments are checked against your payment limits (422 E_LIMIT_EXCEEDED names the limit and what remains). A payment above the dynamic-linking threshold, or to a payee never paid above the low-value exemption, answers 403 E_SCA_REQUIRED with `sca.authorisationUrl`: create a payment authorisation for exactly that payment, then send the transfer again with `sca: { authorisationId, otp }`.',
      '',
      'A payment the risk rules send to review answers 202 with status `pending_review`: the amount is held on your account, nothing is booked yet, and you are notified of the outcome.',
    ].join('\n'),
  },
  schemas: {
    Creditor: {
      description: 'The payee: an account number, or an account id.',
      oneOf: [
        {
          type: 'object',
          title: 'By account number',
          required: ['accountNumber'],
          properties: { accountNumber: { type: 'string', pattern: '^[Ss][Rr][0-9]{10}$', examples: ['SR0000000042'] } },
        },
        { type: 'object', title: 'By account id', required: ['accountId'], properties: { accountId: ID_INPUT } },
      ],
    },
    TransferRequest: {
      type: 'object',
      required: ['debtorAccountId', 'creditor', 'amount'],
      properties: {
        debtorAccountId: { ...ID_INPUT, description: 'Your account to pay from.' },
        creditor: schemaRef('Creditor'),
        amount: schemaRef('MoneyInput'),
        reference: { type: ['string', 'null'], maxLength: 140, examples: ['Invoice 7'] },
        sca: {
          type: 'object',
          description: 'Dynamic linking: the authorisation of exactly this payment and a fresh code from the authenticator app.',
          required: ['authorisationId', 'otp'],
          properties: {
            authorisationId: { type: 'string', format: 'uuid' },
            otp: { type: 'string', pattern: '^[0-9]{6}$' },
          },
        },
      },
    },
    Transfer: {
      type: 'object',
      required: ['id', 'status', 'debtorAccountId', 'creditorAccountId', 'amount', 'reference', 'createdAt'],
      properties: {
        id: schemaRef('Id'),
        status: { type: 'string', const: 'booked' },
        debtorAccountId: schemaRef('Id'),
        creditorAccountId: schemaRef('Id'),
        amount: schemaRef('Money'),
        reference: { type: ['string', 'null'] },
        createdAt: schemaRef('Timestamp'),
      },
    },
    HeldPayment: {
      type: 'object',
      description: 'A payment held for review: not booked, the amount reserved on the debtor account until the bank decides.',
      required: ['id', 'status', 'heldPaymentId', 'debtorAccountId', 'creditorAccountId', 'amount', 'createdAt'],
      properties: {
        id: { type: 'null', description: 'No transfer yet.' },
        status: { type: 'string', const: 'pending_review' },
        heldPaymentId: schemaRef('Id'),
        debtorAccountId: schemaRef('Id'),
        creditorAccountId: schemaRef('Id'),
        amount: schemaRef('Money'),
        createdAt: schemaRef('Timestamp'),
      },
    },
    PaymentAuthorisationRequest: {
      type: 'object',
      required: ['debtorAccountId', 'creditor', 'amount'],
      properties: {
        debtorAccountId: ID_INPUT,
        creditor: schemaRef('Creditor'),
        amount: schemaRef('MoneyInput'),
      },
    },
    PaymentAuthorisation: {
      type: 'object',
      required: ['id', 'status', 'debtorAccountId', 'creditor', 'amount', 'scaMethod', 'createdAt', 'expiresAt'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        status: { type: 'string', const: 'pending' },
        debtorAccountId: schemaRef('Id'),
        creditor: {
          type: 'object',
          required: ['accountId', 'accountNumber'],
          properties: { accountId: schemaRef('Id'), accountNumber: { type: 'string', pattern: '^SR[0-9]{10}$' } },
        },
        amount: schemaRef('Money'),
        scaMethod: { type: 'string', const: 'totp' },
        createdAt: schemaRef('Timestamp'),
        expiresAt: { ...schemaRef('Timestamp'), description: 'Use it (once) before this instant.' },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.transfers.store',
      method: 'post',
      path: '/transfers',
      summary: 'Pay from one of your accounts',
      auth: 'customer',
      parameters: [parameterRef('IdempotencyKey')],
      requestBody: jsonBody(schemaRef('TransferRequest')),
      responses: {
        201: json('Booked', envelope(schemaRef('Transfer')), REPLAY_HEADERS),
        202: json('Held for review (nothing booked yet)', envelope(schemaRef('HeldPayment')), REPLAY_HEADERS),
      },
      problems: [
        InvalidOtpException,
        ScaRequiredException,
        KycNotVerifiedException,
        AccountNotFoundException,
        IdempotencyInFlightException,
        InsufficientFundsException,
        LimitExceededException,
        AccountFrozenException,
        AccountClosedException,
        CurrencyMismatchException,
        SameAccountException,
        InvalidAmountException,
        IdempotencyKeyReusedException,
        PaymentBlockedException,
      ],
    },
    {
      route: 'api.v1.transfers.show',
      method: 'get',
      path: '/transfers/{id}',
      summary: 'Get a transfer you sent or received',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      responses: { 200: json('The transfer', envelope(schemaRef('Transfer'))) },
      problems: [TransferNotFoundException],
    },
    {
      route: 'api.v1.payment_authorisations.store',
      method: 'post',
      path: '/payment-authorisations',
      summary: 'Authorise one payment (dynamic linking)',
      description:
        'Records exactly this payment (debtor, payee, amount) for a few minutes. Then send the transfer with `sca: { authorisationId, otp }` and a new code. A payment the limits would refuse gets no authorisation.',
      auth: 'customer',
      requestBody: jsonBody(schemaRef('PaymentAuthorisationRequest')),
      responses: {
        201: json(
          'The authorisation to approve with a code',
          envelope(schemaRef('PaymentAuthorisation'), {
            links: {
              type: 'object',
              required: ['transfers'],
              properties: { transfers: { type: 'string', format: 'uri-reference', description: 'Where to send the transfer.' } },
            },
          })
        ),
      },
      problems: [
        ScaRequiredException,
        AccountNotFoundException,
        InvalidAmountException,
        SameAccountException,
        CurrencyMismatchException,
        LimitExceededException,
      ],
    },
  ],
}
