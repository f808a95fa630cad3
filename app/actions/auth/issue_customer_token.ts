import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import { checkTotp } from '#services/totp'
import { tokenFailuresPerEmail, tokenFailuresPerIp } from '#start/limiter'
import { recordAuthEvent } from '#actions/auth/customer_auth_audit'
import InvalidCredentialsException from '#exceptions/invalid_credentials_exception'
import InvalidOtpException from '#exceptions/invalid_otp_exception'
import TooManyRequestsException from '#exceptions/too_many_requests_exception'

export interface IssueCustomerTokenInput {
  email: string
  password: string
  otp?: string | null
  ip: string
  requestId?: string
}

export const TOKEN_PREFIX = 'sr_'
export const TOKEN_TYPE = 'customer_api_token'
const TOKEN_LIFETIME = '1 hour'
let dummyHash: Promise<string> | undefined

/**
 * Customer sign-in for the API: password, then TOTP when enrolled (each
 * code usable once). Issues an opaque 1-hour bearer token, hashed at rest,
 * with ability "sca" when the second factor was passed. Failures are
 * counted per e-mail and per IP (429 beyond the limits) and every outcome
 * is audited. Unknown e-mail and wrong password look the same.
 */
export default class IssueCustomerToken {
  async handle(input: IssueCustomerTokenInput) {
    const email = input.email.trim().toLowerCase()
    const emailKey = `auth_email_${createHash('sha256').update(email).digest('hex')}`
    const ipKey = `auth_ip_${input.ip}`
    await this.ensureNotThrottled(emailKey, ipKey, input)

    const customer = await db
      .from('customers')
      .whereRaw('lower(email) = ?', [email])
      .where('status', 'active')
      .select('id', 'password', 'totp_secret', 'totp_enabled_at', 'totp_last_time_step')
      .first()
    dummyHash ??= hash.make('strongroom-dummy-password')
    const passwordOk = await hash
      .verify(customer?.password ?? (await dummyHash), input.password)
      .catch(() => false)
    if (!customer || !passwordOk) {
      await this.fail(emailKey, ipKey, input, customer ? Number(customer.id) : null, 'invalid_credentials')
      throw new InvalidCredentialsException()
    }
    const customerId = Number(customer.id)

    let sca = false
    if (customer.totp_enabled_at) {
      const secret = customer.totp_secret ? encryption.decrypt<string>(customer.totp_secret) : null
      const last = customer.totp_last_time_step === null ? null : Number(customer.totp_last_time_step)
      const check = secret && input.otp ? await checkTotp(secret, input.otp, last) : { valid: false as const }
      const claimed = check.valid && (await this.claimTimeStep(customerId, check.timeStep))
      if (!claimed) {
        await this.fail(emailKey, ipKey, input, customerId, input.otp ? 'invalid_otp' : 'missing_otp')
        throw new InvalidOtpException()
      }
      sca = true
    }

    const token = await this.createToken(customerId, sca ? ['sca'] : [], input)
    await tokenFailuresPerEmail.delete(emailKey)
    return token
  }

  private async ensureNotThrottled(emailKey: string, ipKey: string, input: IssueCustomerTokenInput) {
    const [byEmail, byIp] = await Promise.all([
      tokenFailuresPerEmail.get(emailKey),
      tokenFailuresPerIp.get(ipKey),
    ])
    const blocked = [byEmail, byIp].find((r) => r !== null && r.remaining <= 0)
    if (blocked) {
      await recordAuthEvent({ action: 'auth.token.failed', customerId: null, ip: input.ip, requestId: input.requestId, metadata: { reason: 'throttled' } })
      throw new TooManyRequestsException(Math.max(1, blocked.availableIn), 'Too many failed attempts; retry later.')
    }
  }

  private async fail(emailKey: string, ipKey: string, input: IssueCustomerTokenInput, customerId: number | null, reason: string) {
    await Promise.all([tokenFailuresPerEmail.increment(emailKey), tokenFailuresPerIp.increment(ipKey)])
    await recordAuthEvent({ action: 'auth.token.failed', customerId, ip: input.ip, requestId: input.requestId, metadata: { reason } })
  }

  /** Atomic: a time step is accepted once per customer */
  private async claimTimeStep(customerId: number, timeStep: number): Promise<boolean> {
    const result = await db.rawQuery(
      `update customers set totp_last_time_step = ?
        where id = ? and (totp_last_time_step is null or totp_last_time_step < ?)`,
      [timeStep, customerId, timeStep]
    )
    return (result.rowCount ?? 0) === 1
  }

  /** Token row and its audit row in one transaction */
  private createToken(customerId: number, abilities: string[], input: IssueCustomerTokenInput) {
    const transient = AccessToken.createTransientToken(customerId, 40, TOKEN_LIFETIME)
    return db.transaction(async (trx) => {
      const now = new Date()
      const [row] = await trx
        .table('customer_access_tokens')
        .insert({
          tokenable_id: customerId, type: TOKEN_TYPE, name: 'api', hash: transient.hash,
          abilities: JSON.stringify(abilities), created_at: now, updated_at: now,
          last_used_at: null, expires_at: transient.expiresAt,
        })
        .returning('id')
      const id = Number(row.id ?? row)
      await recordAuthEvent({ action: 'auth.token.issued', customerId, tokenId: id, ip: input.ip, requestId: input.requestId, metadata: { abilities } }, trx)
      const token = new AccessToken({
        identifier: id, tokenableId: customerId, type: TOKEN_TYPE, name: 'api', hash: transient.hash,
        prefix: TOKEN_PREFIX, secret: transient.secret, abilities, createdAt: now, updatedAt: now,
        lastUsedAt: null, expiresAt: transient.expiresAt!,
      })
      return { value: token.value!.release(), expiresAt: transient.expiresAt!, abilities }
    })
  }
}
