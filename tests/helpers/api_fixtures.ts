import { randomInt, randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import type { ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import OpenAccount from '#actions/accounts/open_account'
import PostDeposit from '#actions/ledger/post_deposit'
import { Money } from '#domain/money/money'
import { newTotpSecret, totpCode } from '#services/auth/totp'
import { TOKEN_PREFIX, TOKEN_TYPE } from '#actions/auth/issue_customer_token'

/**
 * Fixtures of the API suites: customers with a known password and TOTP
 * secret, accounts opened and funded through the ledger actions (never by
 * writing balances), bearer tokens.
 */
export const PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export interface ApiCustomer {
  id: number
  email: string
  password: string
  totpSecret: string | null
}

export async function createApiCustomer(
  options: { kyc?: 'verified' | 'pending'; totp?: boolean; status?: 'active' | 'closed' } = {}
): Promise<ApiCustomer> {
  const tag = randomUUID().replaceAll('-', '').slice(0, 16)
  const totpSecret = options.totp === false ? null : newTotpSecret()
  passwordHash ??= hash.make(PASSWORD)
  const [row] = await db
    .table('customers')
    .insert({
      customer_number: `A${tag.slice(0, 15)}`,
      full_name: `Api Test ${tag}`,
      email: `api-${tag}@example.test`,
      password: await passwordHash,
      totp_secret: totpSecret ? encryption.encrypt(totpSecret) : null,
      totp_enabled_at: totpSecret ? new Date() : null,
      kyc_status: options.kyc ?? 'verified',
      status: options.status ?? 'active',
    })
    .returning('id')
  return { id: Number(row.id ?? row), email: `api-${tag}@example.test`, password: PASSWORD, totpSecret }
}

/** The TOTP code of the customer, `steps` 30 s periods from now */
export function otpFor(customer: ApiCustomer, steps = 0): Promise<string> {
  return totpCode(customer.totpSecret!, new Date(Date.now() + steps * 30_000))
}

export async function openAccount(customerId: number, options: { currency?: string; fund?: string; kind?: 'current' | 'savings' } = {}) {
  const currency = options.currency ?? 'GBP'
  const account = await (await app.container.make(OpenAccount)).handle({
    customerId,
    kind: options.kind ?? 'current',
    currency,
    actor: { type: 'system', id: 'api-tests' },
  })
  if (options.fund) {
    await (await app.container.make(PostDeposit)).handle({
      accountId: account.id,
      amount: Money.fromDecimal(options.fund, currency),
      idempotencyKey: randomUUID(),
      reference: 'Test funding',
      actor: { type: 'system', id: 'api-tests' },
    })
  }
  return account
}

/** A bearer token for the customer, stored exactly as the API issues them */
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
