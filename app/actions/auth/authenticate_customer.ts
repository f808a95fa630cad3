import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import { checkTotp } from '#services/auth/totp'
import { blindIndex } from '#services/keys/blind_index'
import { customerLoginThrottle } from '#services/rate_limiting/customer_login_throttle'
import { recordAuthEvent } from '#actions/auth/customer_auth_audit'
import type { RequestContext } from '#domain/audit/actor'
import InvalidCredentialsException from '#exceptions/invalid_credentials_exception'
import TooManyRequestsException from '#exceptions/too_many_requests_exception'

let dummyHash: Promise<string> | undefined

/** Why the customer signs in: an API token, or authorising a partner's consent (which needs TOTP) */
export type SignInPurpose = 'api_token' | 'consent'

const FAILED_ACTION = { api_token: 'auth.token.failed', consent: 'auth.consent_sign_in.failed' } as const

/**
 * A customer proves who they are: password, then TOTP when enrolled
 * (each code usable once). For a consent the second factor is required:
 * a customer without TOTP cannot authorise a partner.
 *
 * The attempt is counted BEFORE the password is checked (LoginThrottle:
 * per e-mail from this IP, per IP, and a per-e-mail back-off from every
 * IP), so parallel guesses cannot pass a limit. Unknown e-mail, wrong
 * password, missing and wrong code all get the same 401
 * E_INVALID_CREDENTIALS with the same detail, so the answer never
 * confirms a password. Failures are audited here; the caller audits the
 * success with what it issued, then calls `signedIn()` to give the
 * attempt back to the throttle.
 */
export default class AuthenticateCustomer {
  async handle(input: {
    email: string
    password: string
    otp?: string | null
    purpose: SignInPurpose
    context: RequestContext
  }): Promise<{ customerId: number; sca: boolean; signedIn: () => Promise<void> }> {
    const email = input.email.trim().toLowerCase()
    const refused = await customerLoginThrottle.begin(email, input.context.ip)
    if (refused) {
      await recordAuthEvent({ action: FAILED_ACTION[input.purpose], customerId: null, context: input.context, metadata: { reason: 'throttled', limit: refused.limit } })
      throw new TooManyRequestsException(refused.retryAfter, 'Too many failed attempts; retry later.')
    }

    /* the email through its blind index (ARCHITECTURE §8); a row not yet sealed by its plaintext column */
    const emailIndex = await blindIndex('email', email)
    const customer = await db
      .from('customers')
      .where((where) =>
        where
          .where('email_index', emailIndex)
          .orWhere((legacy) => legacy.whereNull('personal_data').whereRaw('lower(email) = ?', [email]))
      )
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
    } else if (input.purpose === 'consent') {
      return this.fail(input, customerId, 'second_factor_not_enrolled')
    }

    return { customerId, sca, signedIn: () => customerLoginThrottle.succeeded(email, input.context.ip) }
  }

  /** Audits the failure (its count was taken up front) and answers like every other failure */
  private async fail(input: { purpose: SignInPurpose; context: RequestContext }, customerId: number | null, reason: string): Promise<never> {
    await recordAuthEvent({ action: FAILED_ACTION[input.purpose], customerId, context: input.context, metadata: { reason } })
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
}
