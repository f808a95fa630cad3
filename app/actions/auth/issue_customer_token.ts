import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import { checkTotp } from '#services/auth/totp'
import { customerLoginThrottle } from '#services/rate_limiting/customer_login_throttle'
import { recordAuthEvent } from '#actions/auth/customer_auth_audit'
import RecordSignInDevice from '#actions/notifications/record_sign_in_device'
import type { RequestContext } from '#domain/audit/actor'
import InvalidCredentialsException from '#exceptions/invalid_credentials_exception'
import TooManyRequestsException from '#exceptions/too_many_requests_exception'

export interface IssueCustomerTokenInput {
  email: string
  password: string
  otp?: string | null
  /** The client's User-Agent: with the IP, the device a new-device notice is about */
  userAgent?: string | null
  context: RequestContext
}

export const TOKEN_PREFIX = 'sr_'
export const TOKEN_TYPE = 'customer_api_token'
const TOKEN_LIFETIME = '1 hour'
let dummyHash: Promise<string> | undefined

/**
 * Customer sign-in for the API: password, then TOTP when enrolled (each
 * code usable once). Issues an opaque 1-hour bearer token, hashed at rest,
 * with ability "sca" when the second factor was passed.
 *
 * The attempt is counted BEFORE the password is checked (LoginThrottle:
 * per e-mail from this IP, per IP, and a per-e-mail back-off from every
 * IP), so parallel guesses cannot pass a limit; a full success gives the
 * count back. Unknown e-mail, wrong password, missing and wrong code all
 * get the same 401 E_INVALID_CREDENTIALS with the same detail, so the
 * answer never confirms a password. Every outcome is audited. A token
 * issued from a device (IP + User-Agent) the customer never signed in
 * from notifies 'new_device_sign_in', in the token's transaction.
 */
@inject()
export default class IssueCustomerToken {
  constructor(private devices: RecordSignInDevice) {}

  async handle(input: IssueCustomerTokenInput) {
    const email = input.email.trim().toLowerCase()
    const refused = await customerLoginThrottle.begin(email, input.context.ip)
    if (refused) {
      await recordAuthEvent({ action: 'auth.token.failed', customerId: null, context: input.context, metadata: { reason: 'throttled', limit: refused.limit } })
      throw new TooManyRequestsException(refused.retryAfter, 'Too many failed attempts; retry later.')
    }

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
      return this.fail(input, customer ? Number(customer.id) : null, 'invalid_credentials')
    }
    const customerId = Number(customer.id)

    let sca = false
    if (customer.totp_enabled_at) {
      const secret = customer.totp_secret ? encryption.decrypt<string>(customer.totp_secret) : null
      const last = customer.totp_last_time_step === null ? null : Number(customer.totp_last_time_step)
      const check = secret && input.otp ? await checkTotp(secret, input.otp, last) : { valid: false as const }
      const claimed = check.valid && (await this.claimTimeStep(customerId, check.timeStep))
      if (!claimed) return this.fail(input, customerId, input.otp ? 'invalid_otp' : 'missing_otp')
      sca = true
    }

    const token = await this.createToken(customerId, sca ? ['sca'] : [], input)
    await customerLoginThrottle.succeeded(email, input.context.ip)
    return token
  }

  /** Audits the failure (its count was taken up front) and answers like every other failure */
  private async fail(input: IssueCustomerTokenInput, customerId: number | null, reason: string): Promise<never> {
    await recordAuthEvent({ action: 'auth.token.failed', customerId, context: input.context, metadata: { reason } })
    throw new InvalidCredentialsException()
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

  /** Token row, its audit row and the sign-in device (new-device notice) in one transaction */
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
      await recordAuthEvent({ action: 'auth.token.issued', customerId, tokenId: id, context: input.context, metadata: { abilities } }, trx)
      await this.devices.handle({ trx, customerId, ip: input.context.ip, userAgent: input.userAgent ?? null, at: now })
      const token = new AccessToken({
        identifier: id, tokenableId: customerId, type: TOKEN_TYPE, name: 'api', hash: transient.hash,
        prefix: TOKEN_PREFIX, secret: transient.secret, abilities, createdAt: now, updatedAt: now,
        lastUsedAt: null, expiresAt: transient.expiresAt!,
      })
      return { value: token.value!.release(), expiresAt: transient.expiresAt!, abilities }
    })
  }
}
