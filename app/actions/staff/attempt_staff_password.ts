import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { staffLoginThrottle } from '#services/rate_limiting/staff_login_throttle'
import RecordStaffLoginFailure from '#actions/staff/record_staff_login_failure'
import type { RequestContext } from '#domain/audit/actor'
import StaffLoginThrottledException from '#exceptions/staff_login_throttled_exception'

let dummyHash: string | undefined

/**
 * First sign-in step: email + password. The attempt is counted BEFORE the
 * password is checked (staffLoginThrottle: one atomic upsert per counter),
 * so 20 parallel guesses from one IP get 5 checks and 15 refusals.
 *
 * Design (nothing here reveals a right password): the step never fails for
 * a wrong password, an unknown e-mail or a deactivated account. It returns
 * `staffId: null` instead (audited as a failure), the caller keeps a
 * pending marker either way and always continues to the code step, which
 * fails for everyone with the same generic message (VerifyStaffSecondFactor).
 * Only an account that has not enrolled a TOTP yet shows the enrolment page
 * after a right password: the first sign-in of an invited account.
 * Unknown e-mails cost a hash verification too (timing).
 * Throws: StaffLoginThrottled (429, a limit of this e-mail + IP, this IP,
 * or the per-account back-off).
 */
@inject()
export default class AttemptStaffPassword {
  constructor(private recordFailure: RecordStaffLoginFailure) {}

  async handle(input: { email: string; password: string; context: RequestContext }) {
    const email = input.email.trim().toLowerCase()
    const refused = await staffLoginThrottle.begin(email, input.context.ip)
    if (refused) {
      await this.recordFailure.handle({ staffId: null, reason: 'throttled', context: input.context, email })
      throw new StaffLoginThrottledException(refused.retryAfter)
    }

    const staff = await db
      .from('staff_users')
      .whereRaw('lower(email) = ?', [email])
      .select('id', 'password', 'is_active')
      .first()
    dummyHash ??= await hash.make('strongroom-timing-equaliser')
    const passwordOk = await hash.verify(staff?.password ?? dummyHash, input.password).catch(() => false)

    if (!staff || !passwordOk || !staff.is_active) {
      const reason = !staff ? 'unknown_email' : passwordOk ? 'inactive' : 'invalid_password'
      await this.recordFailure.handle({ staffId: staff ? Number(staff.id) : null, reason, context: input.context, email })
      return { staffId: null, email }
    }
    return { staffId: Number(staff.id), email }
  }
}
