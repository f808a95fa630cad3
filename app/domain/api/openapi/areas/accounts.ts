import AccountNotFoundException from '#exceptions/account_not_found_exception'
import ConsentNotAuthorisedException from '#exceptions/consent_not_authorised_exception'
import ConsentPermissionMissingException from '#exceptions/consent_permission_missing_exception'
import { envelope, nullable, page, parameterRef, partnerHeaders, schemaRef } from '#domain/api/openapi/components'
import { json, type ApiArea, type Auth } from '#domain/api/openapi/area'
import type { ProblemSource } from '#domain/api/openapi/problems'

/**
 * The customer's own token, or a partner's customer-authorised token under
 * an account-access consent (ApiAuthMiddleware with `partners: 'accounts'`):
 * the partner sees the consented accounts only, and what its permissions
 * grant (#controllers/api/v1/account_access).
 */
const AUTH: Auth = ['customer', { partner: ['accounts'] }]
/* on a partner's call: x-fapi-interaction-id, RateLimit, RateLimit-Policy */
const FAPI = partnerHeaders({ onlyPartners: false })
const CONSENT_PROBLEMS: ProblemSource[] = [ConsentNotAuthorisedException, ConsentPermissionMissingException]

/** The customer's own accounts, balances and booked transactions: AccountsController, AccountTransactionsController */
export const accounts: ApiArea = {
  tag: {
    name: 'Accounts',
    description:
      'Your accounts, their balances and booked transactions. Another customer\'s account is 404, never 403. A partner (open banking) reads them with a token the customer authorised under an account-access consent: only the consented accounts, and only what its permissions grant.',
  },
  schemas: {
    Account: {
      type: 'object',
      required: ['id', 'kind', 'currency', 'status', 'name'],
      properties: {
        id: schemaRef('Id'),
        number: {
          type: 'string',
          pattern: '^SR[0-9]{10}$',
          description: 'The account number payees are paid by. Always there for the customer; absent for a partner without ReadAccountsDetail.',
          examples: ['SR0000000042'],
        },
        kind: { type: 'string', enum: ['current', 'savings'] },
        currency: schemaRef('Currency'),
        status: { type: 'string', enum: ['active', 'frozen', 'closed'], description: 'A frozen or closed account cannot be debited.' },
        name: { type: ['string', 'null'] },
      },
    },
    Balances: {
      type: 'object',
      required: ['accountId', 'booked', 'available'],
      properties: {
        accountId: schemaRef('Id'),
        booked: { ...schemaRef('Money'), description: 'Sum of booked entries.' },
        available: { ...schemaRef('Money'), description: 'Booked minus active holds: what can be spent (plus any overdraft).' },
      },
    },
    TransactionLine: {
      type: 'object',
      description: 'reference, counterparty and counterpartyAccountId are always there for the customer; absent for a partner without ReadTransactionsDetail.',
      required: ['id', 'transactionId', 'kind', 'creditDebitIndicator', 'amount', 'bookedAt'],
      properties: {
        id: { ...schemaRef('Id'), description: 'The entry id (the cursor position).' },
        transactionId: schemaRef('Id'),
        kind: {
          type: 'string',
          enum: ['deposit', 'withdrawal', 'transfer', 'reversal', 'hold_capture', 'opening', 'adjustment'],
          description: 'New kinds may be added: treat an unknown one as a generic movement.',
        },
        creditDebitIndicator: { type: 'string', enum: ['credit', 'debit'] },
        amount: { ...schemaRef('Money'), description: 'Always positive; the direction is creditDebitIndicator.' },
        reference: { type: ['string', 'null'] },
        counterparty: {
          type: ['string', 'null'],
          enum: ['cash', 'bank', 'account', null],
          description: '`cash` (counter), `bank` (one of the bank\'s own accounts, never identified), `account` (a customer account), or null.',
        },
        counterpartyAccountId: nullable(schemaRef('Id')),
        bookedAt: schemaRef('Timestamp'),
      },
    },
  },
  operations: [
    {
      route: 'api.v1.accounts.index',
      method: 'get',
      path: '/accounts',
      summary: 'List your accounts',
      description: 'Oldest first, cursor-paginated.',
      auth: AUTH,
      parameters: [parameterRef('Limit'), parameterRef('Cursor')],
      responses: { 200: json('A page of accounts', page(schemaRef('Account')), FAPI) },
      problems: CONSENT_PROBLEMS,
    },
    {
      route: 'api.v1.accounts.show',
      method: 'get',
      path: '/accounts/{id}',
      summary: 'Get one of your accounts',
      auth: AUTH,
      parameters: [parameterRef('Id')],
      responses: { 200: json('The account', envelope(schemaRef('Account')), FAPI) },
      problems: [AccountNotFoundException, ...CONSENT_PROBLEMS],
    },
    {
      route: 'api.v1.accounts.balances',
      method: 'get',
      path: '/accounts/{id}/balances',
      summary: 'Get the booked and available balances of an account',
      auth: AUTH,
      parameters: [parameterRef('Id')],
      responses: { 200: json('The balances', envelope(schemaRef('Balances')), FAPI) },
      problems: [AccountNotFoundException, ...CONSENT_PROBLEMS],
    },
    {
      route: 'api.v1.accounts.transactions.index',
      method: 'get',
      path: '/accounts/{id}/transactions',
      summary: 'List the booked transactions of an account',
      description: 'One line per ledger entry of the account, newest first, cursor-paginated; optionally within calendar days (UTC, both inclusive).',
      auth: AUTH,
      parameters: [
        parameterRef('Id'),
        parameterRef('Limit'),
        parameterRef('Cursor'),
        { name: 'bookedFrom', in: 'query', description: 'First day (UTC), YYYY-MM-DD.', schema: { type: 'string', format: 'date' } },
        { name: 'bookedTo', in: 'query', description: 'Last day (UTC), YYYY-MM-DD, not before bookedFrom.', schema: { type: 'string', format: 'date' } },
      ],
      responses: { 200: json('A page of transaction lines', page(schemaRef('TransactionLine')), FAPI) },
      problems: [AccountNotFoundException, ...CONSENT_PROBLEMS],
    },
  ],
}
