import AccountClosedException from '#exceptions/account_closed_exception'
import AccountFrozenException from '#exceptions/account_frozen_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import InsufficientFundsException from '#exceptions/insufficient_funds_exception'
import LoanRepaymentRefusedException from '#exceptions/loan_repayment_refused_exception'
import ScaRequiredException from '#exceptions/sca_required_exception'
import IdempotencyInFlightException from '#exceptions/idempotency_in_flight_exception'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import LoanDisbursementAccountInvalidException from '#exceptions/loan_disbursement_account_invalid_exception'
import LoanDocumentLimitException from '#exceptions/loan_document_limit_exception'
import LoanDocumentNotFoundException from '#exceptions/loan_document_not_found_exception'
import PersonalDataErasedException from '#exceptions/personal_data_erased_exception'
import LoanDocumentsClosedException from '#exceptions/loan_documents_closed_exception'
import LoanNotFoundException from '#exceptions/loan_not_found_exception'
import LoanProductNotOfferedException from '#exceptions/loan_product_not_offered_exception'
import LoanTermsOutOfRangeException from '#exceptions/loan_terms_out_of_range_exception'
import LoanTransitionRefusedException from '#exceptions/loan_transition_refused_exception'
import UnsupportedDocumentContentException from '#exceptions/unsupported_document_content_exception'
import UploadTooLargeException from '#exceptions/upload_too_large_exception'
import { LOAN_STATES } from '#domain/loans/lifecycle'
import { AMORTISATIONS, FREQUENCIES, MAX_TERM_COUNT } from '#domain/loans/schedule_terms'
import { envelope, nullable, page, parameterRef, schemaRef } from '#domain/api/openapi/components'
import { REPLAY_HEADERS, json, jsonBody, type ApiArea } from '#domain/api/openapi/area'
import type { Parameter, Schema } from '#domain/api/openapi/types'

const PERCENT: Schema = {
  type: 'string',
  pattern: '^[0-9]{1,3}(\\.[0-9]{1,4})?$',
  description: 'A percentage as a decimal string (at most four decimals), never a JSON number.',
  examples: ['9.9'],
}
const ID_INPUT: Schema = {
  description: 'An id: a JSON string of digits (as the API returns ids) or a positive integer.',
  oneOf: [
    { type: 'string', pattern: '^[1-9][0-9]{0,15}$', maxLength: 16 },
    { type: 'integer', format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  ],
  examples: ['42'],
}
const DAY: Schema = { type: 'string', format: 'date', examples: ['2026-07-01'] }
const MONEY_INPUT: Schema = {
  type: 'object',
  description: 'An amount (a decimal string, zero allowed) in the product\'s currency; all three amounts of an application share it.',
  required: ['amount', 'currency'],
  properties: {
    amount: { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,3})?$', examples: ['5000.00'] },
    currency: schemaRef('Currency'),
  },
}

const OPTIONAL_IDEMPOTENCY_KEY: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Optional, your unique key for this application (1-255 visible ASCII characters, a UUID is best). The same key with the same application answers the first application with `Idempotent-Replayed: true`; with another application, 422 E_IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 E_IDEMPOTENCY_IN_FLIGHT.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
}
const DOCUMENT_ID: Parameter = {
  name: 'documentId',
  in: 'path',
  required: true,
  description: 'The document id (a UUID) from the application\'s `documents`.',
  schema: { type: 'string', examples: ['5f0c9d1e-8a4b-4c7e-9f21-3b6d2a1c0e47'] },
}

const PRODUCT_REF: Schema = {
  type: 'object',
  description: 'The product and the version of its terms the application was made under (a later product change never alters it).',
  required: ['id', 'code', 'name', 'version'],
  properties: { id: schemaRef('Id'), code: { type: 'string' }, name: { type: 'string' }, version: { type: 'integer', minimum: 1 } },
}

/** Terms every application and loan shows */
const TERMS: Record<string, Schema> = {
  id: schemaRef('Id'),
  status: { type: 'string', enum: [...LOAN_STATES], description: 'submitted → under_review → approved | rejected | withdrawn → disbursed → active ↔ in_arrears → paid_off | written_off.' },
  product: PRODUCT_REF,
  principal: schemaRef('Money'),
  termCount: { type: 'integer', minimum: 1, maximum: MAX_TERM_COUNT, description: 'Number of instalments.' },
  frequency: { type: 'string', enum: [...FREQUENCIES] },
  amortisation: { type: 'string', enum: [...AMORTISATIONS] },
  annualRate: { ...PERCENT, description: 'Nominal annual interest rate, percent.' },
  originationFee: { ...schemaRef('Money'), description: 'Taken from the amount paid out.' },
  disbursementAccountId: { ...schemaRef('Id'), description: 'Your account the loan is paid into.' },
}
const TERMS_REQUIRED = Object.keys(TERMS)

const SCHEDULE_LINE: Schema = {
  type: 'object',
  required: ['number', 'dueDate', 'principal', 'interest', 'total', 'balanceAfter'],
  properties: {
    number: { type: 'integer', minimum: 1 },
    dueDate: DAY,
    principal: schemaRef('Money'),
    interest: schemaRef('Money'),
    total: schemaRef('Money'),
    balanceAfter: { ...schemaRef('Money'), description: 'Principal still owed after this instalment.' },
  },
}

/** Loan products, applications and loans: LoanApplicationsController, LoansController */
export const loans: ApiArea = {
  tag: {
    name: 'Loans',
    description: [
      'Loan products on offer, your applications and your loans. Amounts are `{ amount, currency }` decimal strings, rates percent strings (`"9.9"`).',
      '',
      'An application is assessed when submitted (identity, accounts, affordability as debt-to-income, existing loans): the result advises the loan officer, who decides. You may withdraw an application until the loan is paid out. Once paid out, the loan appears under `/loans` with its schedule. Another customer\'s application or loan is 404 E_LOAN_NOT_FOUND, never 403.',
    ].join('\n'),
  },
  schemas: {
    LoanProduct: {
      type: 'object',
      required: [
        'id', 'code', 'name', 'version', 'currency', 'minPrincipal', 'maxPrincipal', 'minTerm', 'maxTerm',
        'frequency', 'amortisation', 'annualRate', 'originationFeeRate', 'latePenalty', 'graceDays',
      ],
      properties: {
        id: schemaRef('Id'),
        code: { type: 'string', examples: ['personal'] },
        name: { type: 'string', examples: ['Personal loan'] },
        version: { type: 'integer', minimum: 1, description: 'The version of the terms offered now.' },
        currency: schemaRef('Currency'),
        minPrincipal: schemaRef('Money'),
        maxPrincipal: schemaRef('Money'),
        minTerm: { type: 'integer', minimum: 1 },
        maxTerm: { type: 'integer', minimum: 1, maximum: MAX_TERM_COUNT },
        frequency: { type: 'string', enum: [...FREQUENCIES] },
        amortisation: { type: 'string', enum: [...AMORTISATIONS] },
        annualRate: { ...PERCENT, description: 'Nominal annual interest rate, percent.' },
        originationFeeRate: { ...PERCENT, description: 'Origination fee, percent of the principal, taken from the amount paid out.' },
        latePenalty: { ...schemaRef('Money'), description: 'Charged on an instalment still unpaid after the grace days.' },
        graceDays: { type: 'integer', minimum: 0 },
      },
    },
    LoanApplicationRequest: {
      type: 'object',
      required: ['productId', 'principal', 'termCount', 'purpose', 'monthlyIncome', 'monthlyObligations', 'disbursementAccountId'],
      properties: {
        productId: { ...ID_INPUT, description: 'A product from GET /loan-products.' },
        principal: { ...MONEY_INPUT, description: 'The amount to borrow, within the product\'s range.' },
        termCount: { type: 'integer', minimum: 1, maximum: MAX_TERM_COUNT, description: 'Number of instalments, within the product\'s range.' },
        purpose: { type: 'string', minLength: 3, maxLength: 500, examples: ['A used car'] },
        monthlyIncome: MONEY_INPUT,
        monthlyObligations: { ...MONEY_INPUT, description: 'What you already pay each month (rent, other credit).' },
        disbursementAccountId: { ...ID_INPUT, description: 'Your open current or savings account in the product\'s currency.' },
      },
    },
    LoanDocument: {
      type: 'object',
      required: ['id', 'name', 'contentType', 'size', 'uploadedAt', 'uploadedBy'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string', description: 'The file name as sent.' },
        contentType: { type: 'string', enum: ['application/pdf', 'image/jpeg', 'image/png'], description: 'From the file\'s bytes.' },
        size: { type: 'integer', minimum: 0, description: 'Bytes.' },
        uploadedAt: schemaRef('Timestamp'),
        uploadedBy: { type: 'string', enum: ['customer', 'staff'] },
      },
    },
    LoanAssessmentSummary: {
      type: 'object',
      description: 'The checks run when the application was submitted (advice to the loan officer, who decides).',
      required: ['debtToIncome', 'maxDebtToIncome', 'proposedMonthlyInstalment', 'checks', 'assessedAt'],
      properties: {
        debtToIncome: nullable({
          type: 'string',
          pattern: '^[0-9]+(\\.[0-9]{1,4})?$',
          description: '(obligations + instalment) / income, percent (may exceed 100); null without income.',
          examples: ['21.52'],
        }),
        maxDebtToIncome: PERCENT,
        proposedMonthlyInstalment: { ...schemaRef('Money'), description: 'The first instalment (a weekly one as its monthly equivalent).' },
        checks: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'outcome', 'reason'],
            properties: {
              code: {
                type: 'string',
                enum: ['kyc_verified', 'accounts_in_good_standing', 'disbursement_account', 'affordability', 'existing_loans'],
                description: 'New checks may appear.',
              },
              outcome: { type: 'string', enum: ['pass', 'warn', 'fail'] },
              reason: { type: 'string' },
            },
          },
        },
        assessedAt: schemaRef('Timestamp'),
      },
    },
    LoanSchedulePreview: {
      type: 'object',
      description: 'The schedule if the loan were paid out today (the real one starts on the day it is paid out).',
      required: ['startDate', 'instalmentAmount', 'instalments', 'totals'],
      properties: {
        startDate: DAY,
        instalmentAmount: nullable({ ...schemaRef('Money'), description: 'Annuity: every instalment but the last.' }),
        instalments: { type: 'array', items: SCHEDULE_LINE },
        totals: {
          type: 'object',
          required: ['principal', 'interest', 'total'],
          properties: { principal: schemaRef('Money'), interest: schemaRef('Money'), total: schemaRef('Money') },
        },
      },
    },
    LoanApplication: {
      type: 'object',
      required: [
        ...TERMS_REQUIRED, 'purpose', 'monthlyIncome', 'monthlyObligations', 'channel', 'documents', 'assessment',
        'decision', 'loanId', 'submittedAt', 'closedAt',
      ],
      properties: {
        ...TERMS,
        purpose: { type: ['string', 'null'], description: 'null once your personal data was erased' },
        monthlyIncome: nullable(schemaRef('Money')),
        monthlyObligations: nullable(schemaRef('Money')),
        channel: { type: 'string', enum: ['api', 'backoffice'], description: 'Where it was submitted (backoffice: by staff on your behalf).' },
        documents: { type: 'array', items: schemaRef('LoanDocument') },
        assessment: nullable(schemaRef('LoanAssessmentSummary')),
        decision: nullable({
          type: 'object',
          required: ['outcome', 'reason', 'decidedAt'],
          properties: {
            outcome: { type: 'string', enum: ['approved', 'rejected'] },
            reason: { type: ['string', 'null'] },
            decidedAt: schemaRef('Timestamp'),
          },
        }),
        loanId: { ...nullable(schemaRef('Id')), description: 'Once paid out: the loan under /loans.' },
        submittedAt: schemaRef('Timestamp'),
        closedAt: { type: ['string', 'null'], format: 'date-time', description: 'When it was withdrawn, or the loan ended.' },
        schedulePreview: {
          ...nullable(schemaRef('LoanSchedulePreview')),
          description: 'GET /loan-applications/{id} only: while submitted, under review or approved; null otherwise.',
        },
      },
    },
    NextInstalment: {
      type: 'object',
      description: 'The first instalment not settled: what remains due of each component.',
      required: ['number', 'dueDate', 'principal', 'interest', 'fee', 'penalty', 'total'],
      properties: {
        number: { type: 'integer', minimum: 1 },
        dueDate: DAY,
        principal: schemaRef('Money'),
        interest: schemaRef('Money'),
        fee: schemaRef('Money'),
        penalty: schemaRef('Money'),
        total: schemaRef('Money'),
      },
    },
    Loan: {
      type: 'object',
      required: [...TERMS_REQUIRED, 'startDate', 'disbursedAt', 'closedAt', 'daysPastDue'],
      properties: {
        ...TERMS,
        startDate: { ...DAY, description: 'The day it was paid out: the schedule counts from it.' },
        disbursedAt: schemaRef('Timestamp'),
        closedAt: { type: ['string', 'null'], format: 'date-time' },
        daysPastDue: { type: 'integer', minimum: 0 },
        outstandingPrincipal: { ...schemaRef('Money'), description: 'GET /loans/{id} only: the principal still owed.' },
        nextInstalment: { ...nullable(schemaRef('NextInstalment')), description: 'GET /loans/{id} only: null once every instalment is settled.' },
      },
    },
    LoanInstalment: {
      type: 'object',
      required: [
        'number', 'dueDate', 'status', 'principal', 'interest', 'fee', 'penalty', 'total',
        'principalPaid', 'interestPaid', 'feePaid', 'penaltyPaid', 'paid', 'settledAt',
      ],
      properties: {
        number: { type: 'integer', minimum: 1 },
        dueDate: DAY,
        status: { type: 'string', enum: ['paid', 'overdue', 'due', 'upcoming'], description: '`due`: today (UTC); `overdue`: before today and not settled.' },
        principal: schemaRef('Money'),
        interest: schemaRef('Money'),
        fee: schemaRef('Money'),
        penalty: schemaRef('Money'),
        total: schemaRef('Money'),
        principalPaid: schemaRef('Money'),
        interestPaid: schemaRef('Money'),
        feePaid: schemaRef('Money'),
        penaltyPaid: schemaRef('Money'),
        paid: schemaRef('Money'),
        settledAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    LoanPayoffQuote: {
      type: 'object',
      description: 'What repaying the whole loan costs on `asOf`: everything due, the principal not yet due and this period\'s interest pro rata (30/360); later interest is not charged.',
      required: ['loanId', 'asOf', 'due', 'principalNotYetDue', 'accruedInterest', 'accruedDays', 'total'],
      properties: {
        loanId: schemaRef('Id'),
        asOf: DAY,
        due: {
          type: 'object',
          required: ['principal', 'interest', 'fee', 'penalty'],
          properties: { principal: schemaRef('Money'), interest: schemaRef('Money'), fee: schemaRef('Money'), penalty: schemaRef('Money') },
        },
        principalNotYetDue: schemaRef('Money'),
        accruedInterest: schemaRef('Money'),
        accruedDays: { type: 'integer', minimum: 0, maximum: 30 },
        total: schemaRef('Money'),
      },
    },
    LoanRepaymentRequest: {
      type: 'object',
      description: '`{ "type": "full" }` repays the payoff quote; `{ "type": "amount", "amount": … }` that amount: first what is due (oldest instalment first, in the product\'s order), the rest prepays principal with the interest accrued on it this period, and the remaining instalments are recomputed (their number kept).',
      required: ['type'],
      properties: {
        type: { type: 'string', enum: ['full', 'amount'] },
        amount: { ...MONEY_INPUT, description: 'Required with type "amount", in the loan\'s currency; at most the payoff quote.' },
      },
    },
    LoanRepayment: {
      type: 'object',
      required: ['id', 'loanId', 'kind', 'amount', 'principal', 'interest', 'charges', 'transactionId', 'loanStatus'],
      properties: {
        id: schemaRef('Id'),
        loanId: schemaRef('Id'),
        kind: { type: 'string', enum: ['repayment', 'payoff'] },
        amount: schemaRef('Money'),
        principal: schemaRef('Money'),
        interest: schemaRef('Money'),
        charges: { ...schemaRef('Money'), description: 'Fees and late-payment penalties.' },
        transactionId: schemaRef('Id'),
        loanStatus: { type: 'string', enum: [...LOAN_STATES] },
      },
    },
    LoanSchedule: {
      type: 'object',
      required: ['loanId', 'currency', 'instalments', 'totals'],
      properties: {
        loanId: schemaRef('Id'),
        currency: schemaRef('Currency'),
        instalments: { type: 'array', items: schemaRef('LoanInstalment') },
        totals: {
          type: 'object',
          required: ['due', 'paid', 'outstanding'],
          properties: { due: schemaRef('Money'), paid: schemaRef('Money'), outstanding: schemaRef('Money') },
        },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.loan_products.index',
      method: 'get',
      path: '/loan-products',
      summary: 'List the loan products on offer',
      description: 'Each with the terms of its current version.',
      auth: 'customer',
      responses: { 200: json('The products', envelope({ type: 'array', items: schemaRef('LoanProduct') })) },
    },
    {
      route: 'api.v1.loan_applications.store',
      method: 'post',
      path: '/loan-applications',
      summary: 'Apply for a loan',
      description:
        'Checks the product (offered), the amount and term (within its ranges: 422 E_LOAN_TERMS_OUT_OF_RANGE naming each field), the account to pay into (yours, open, current or savings, in the product\'s currency), then assesses the application and stores it as `submitted`.',
      auth: 'customer',
      parameters: [OPTIONAL_IDEMPOTENCY_KEY],
      requestBody: jsonBody(schemaRef('LoanApplicationRequest')),
      responses: { 201: json('Submitted', envelope(schemaRef('LoanApplication')), REPLAY_HEADERS) },
      problems: [
        LoanProductNotOfferedException,
        LoanTermsOutOfRangeException,
        LoanDisbursementAccountInvalidException,
        CurrencyMismatchException,
        InvalidAmountException,
        IdempotencyKeyReusedException,
        IdempotencyInFlightException,
      ],
    },
    {
      route: 'api.v1.loan_applications.index',
      method: 'get',
      path: '/loan-applications',
      summary: 'List your loan applications',
      description: 'Every status, newest first, cursor-paginated.',
      auth: 'customer',
      parameters: [parameterRef('Limit'), parameterRef('Cursor')],
      responses: { 200: json('A page of applications', page(schemaRef('LoanApplication'))) },
    },
    {
      route: 'api.v1.loan_applications.show',
      method: 'get',
      path: '/loan-applications/{id}',
      summary: 'Get one of your loan applications',
      description: 'With the schedule it would have if paid out today, while it is submitted, under review or approved.',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      responses: { 200: json('The application', envelope(schemaRef('LoanApplication'))) },
      problems: [LoanNotFoundException],
    },
    {
      route: 'api.v1.loan_applications.withdraw',
      method: 'post',
      path: '/loan-applications/{id}/withdraw',
      summary: 'Withdraw one of your loan applications',
      description: 'Allowed while submitted, under review or approved (until paid out); otherwise 409 E_LOAN_TRANSITION_REFUSED.',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      responses: { 200: json('The withdrawn application', envelope(schemaRef('LoanApplication'))) },
      problems: [LoanNotFoundException, LoanTransitionRefusedException],
    },
    {
      route: 'api.v1.loan_applications.documents.store',
      method: 'post',
      path: '/loan-applications/{id}/documents',
      summary: 'Attach a document to an application',
      description:
        '`multipart/form-data` with one `file`: a PDF, JPEG or PNG (recognised from its bytes) up to 10 MB, while the application is submitted or under review.',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', description: 'The file.' } } },
          },
        },
      },
      responses: { 201: json('The document', envelope(schemaRef('LoanDocument'))) },
      problems: [
        LoanNotFoundException,
        LoanDocumentsClosedException,
        LoanDocumentLimitException,
        UnsupportedDocumentContentException,
        UploadTooLargeException,
      ],
    },
    {
      route: 'api.v1.loan_applications.documents.show',
      method: 'get',
      path: '/loan-applications/{id}/documents/{documentId}',
      summary: 'Download a document of one of your applications',
      auth: 'customer',
      parameters: [parameterRef('Id'), DOCUMENT_ID],
      responses: {
        200: {
          description: 'The file, as an attachment',
          content: {
            'application/pdf': { schema: { description: 'The document\'s bytes.' } },
            'image/jpeg': { schema: { description: 'The document\'s bytes.' } },
            'image/png': { schema: { description: 'The document\'s bytes.' } },
          },
        },
      },
      problems: [LoanNotFoundException, LoanDocumentNotFoundException, PersonalDataErasedException],
    },
    {
      route: 'api.v1.loans.index',
      method: 'get',
      path: '/loans',
      summary: 'List your loans',
      description: 'Loans paid out (every status from `disbursed` on), newest first, cursor-paginated.',
      auth: 'customer',
      parameters: [parameterRef('Limit'), parameterRef('Cursor')],
      responses: { 200: json('A page of loans', page(schemaRef('Loan'))) },
    },
    {
      route: 'api.v1.loans.show',
      method: 'get',
      path: '/loans/{id}',
      summary: 'Get one of your loans',
      description: 'With the principal outstanding and the next instalment. An application not paid out is 404 here (see /loan-applications).',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      responses: { 200: json('The loan', envelope(schemaRef('Loan'))) },
      problems: [LoanNotFoundException],
    },
    {
      route: 'api.v1.loans.schedule',
      method: 'get',
      path: '/loans/{id}/schedule',
      summary: 'Get the repayment schedule of one of your loans',
      description: 'Every instalment with what is due and what was paid of each component (principal, interest, fee, penalty).',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      responses: { 200: json('The schedule', envelope(schemaRef('LoanSchedule'))) },
      problems: [LoanNotFoundException],
    },
    {
      route: 'api.v1.loans.payoff_quote',
      method: 'get',
      path: '/loans/{id}/payoff-quote',
      summary: 'What repaying one of your loans in full costs today',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      responses: { 200: json('The quote', envelope(schemaRef('LoanPayoffQuote'))) },
      problems: [LoanNotFoundException],
    },
    {
      route: 'api.v1.loans.repayments.store',
      method: 'post',
      path: '/loans/{id}/repayments',
      summary: 'Repay one of your loans now, in part or in full',
      description:
        'From the account the loan was paid into; needs a token issued with the second factor. More than the payoff quote is 422 E_LOAN_REPAYMENT_REFUSED; a loan not active or in arrears is 409 E_LOAN_TRANSITION_REFUSED; the account\'s rules apply (frozen, closed, funds).',
      auth: 'customer',
      parameters: [parameterRef('Id'), parameterRef('IdempotencyKey')],
      requestBody: jsonBody(schemaRef('LoanRepaymentRequest')),
      responses: { 201: json('Repaid', envelope(schemaRef('LoanRepayment')), REPLAY_HEADERS) },
      problems: [
        LoanNotFoundException,
        ScaRequiredException,
        LoanRepaymentRefusedException,
        LoanTransitionRefusedException,
        CurrencyMismatchException,
        InvalidAmountException,
        InsufficientFundsException,
        AccountFrozenException,
        AccountClosedException,
        IdempotencyKeyReusedException,
        IdempotencyInFlightException,
      ],
    },
  ],
}
