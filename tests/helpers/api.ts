import { randomInt, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import type { ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { totpCode } from '#services/auth/totp'
import { TOKEN_PREFIX, TOKEN_TYPE } from '#actions/auth/issue_customer_token'
import { CUSTOMER_PASSWORD, CustomerFactory } from '#database/factories/customer_factory'

/**
 * Fixtures of the API suites: customers from CustomerFactory with a known
 * password and TOTP secret, bearer tokens, client IPs and the problem+json
 * check. Accounts come from tests/helpers/ledger.ts.
 */
export const PASSWORD = CUSTOMER_PASSWORD

export interface ApiCustomer {
  id: number
  email: string
  password: string
  totpSecret: string | null
}

/** A customer (default: KYC verified, TOTP enrolled, active) who can sign in to the API */
export async function createApiCustomer(
  options: { kyc?: 'verified' | 'pending'; totp?: boolean; status?: 'active' | 'closed' } = {}
): Promise<ApiCustomer> {
  const factory = CustomerFactory.merge({ status: options.status ?? 'active' })
  if ((options.kyc ?? 'verified') === 'verified') factory.apply('verified')
  if (options.totp !== false) factory.apply('withTotp')
  const customer = await factory.create()
  return { id: customer.id, email: customer.email, password: PASSWORD, totpSecret: customer.$extras.totpSecret ?? null }
}

/** The TOTP code of the customer, `steps` 30 s periods from now */
export function otpFor(customer: ApiCustomer, steps = 0): Promise<string> {
  return totpCode(customer.totpSecret!, new Date(Date.now() + steps * 30_000))
}

/**
 * A bearer token for the customer, stored exactly as IssueCustomerToken
 * stores them (its row in customer_access_tokens, written here without
 * the sign-in steps, so tests can choose abilities and lifetime).
 */
export async function tokenFor(
  customerId: number,
  options: { abilities?: string[]; expiresIn?: string | number } = {}
): Promise<string> {
  const abilities = options.abilities ?? ['sca']
  const transient = AccessToken.createTransientToken(customerId, 40, options.expiresIn ?? '1 hour')
  const now = new Date()
  const [row] = await db
    .table('customer_access_tokens')
    .insert({
      tokenable_id: customerId, type: TOKEN_TYPE, name: 'test', hash: transient.hash,
      abilities: JSON.stringify(abilities), created_at: now, updated_at: now,
      expires_at: transient.expiresAt,
    })
    .returning('id')
  const token = new AccessToken({
    identifier: Number(row.id ?? row), tokenableId: customerId, type: TOKEN_TYPE, name: 'test',
    hash: transient.hash, prefix: TOKEN_PREFIX, secret: transient.secret, abilities,
    createdAt: now, updatedAt: now, lastUsedAt: null, expiresAt: transient.expiresAt ?? null,
  })
  return token.value!.release()
}

/** A fresh client IP (sent as X-Forwarded-For) so per-IP limits of tests do not interfere */
export function uniqueIp(): string {
  return `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
}

/** Asserts an RFC 9457 problem+json response with the stable code */
export function assertProblem(assert: Assert, response: ApiResponse, status: number, code: string) {
  assert.equal(response.status(), status, JSON.stringify(response.body()))
  assert.match(response.header('content-type') ?? '', /^application\/problem\+json/)
  const body = response.body()
  assert.equal(body.status, status)
  assert.equal(body.code, code)
  assert.match(body.type, /^https:\/\/strongroom\.dev\/problems\/[a-z0-9-]+$/)
  assert.isString(body.title)
  assert.isString(body.detail)
  assert.equal(body.requestId, response.header('x-request-id'))
  return body
}

type AccountRef = { id: number }

/** A POST /api/v1/transfers body between two accounts by id, in GBP, with `sca` when given */
export function transferBody(from: AccountRef, to: AccountRef, amount: string, sca?: object, reference = 'Invoice 7') {
  return {
    debtorAccountId: String(from.id),
    creditor: { accountId: String(to.id) },
    amount: { amount, currency: 'GBP' },
    reference,
    ...(sca ? { sca } : {}),
  }
}

/** POST /api/v1/transfers with a bearer token and an Idempotency-Key (a fresh one by default) */
export function postTransfer(client: any, token: string, body: object, key: string = randomUUID()) {
  return client.post('/api/v1/transfers').bearerToken(token).header('Idempotency-Key', key).json(body)
}

/** A payment authorisation for exactly that debtor, payee and amount (dynamic linking); its data */
export async function authorisePayment(client: any, token: string, from: AccountRef, to: AccountRef, amount: string) {
  const response = await client
    .post('/api/v1/payment-authorisations')
    .bearerToken(token)
    .json({ debtorAccountId: String(from.id), creditor: { accountId: String(to.id) }, amount: { amount, currency: 'GBP' } })
  response.assertStatus(201)
  return response.body().data
}
