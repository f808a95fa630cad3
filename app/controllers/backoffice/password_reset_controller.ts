import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import RequestStaffPasswordReset from '#actions/staff/request_staff_password_reset'
import ResetStaffPassword from '#actions/staff/reset_staff_password'
import { auditContext } from '#services/audit/audit_trail'
import { findUsablePasswordToken } from '#services/auth/staff_password_tokens'
import { STAFF_PASSWORD_MIN_LENGTH, requestStaffPasswordResetValidator, resetStaffPasswordValidator } from '#validators/staff'

export const RESET_REQUESTED_MESSAGE =
  'If an active staff account uses this address, a link to choose a new password is on its way. It works once, for 60 minutes.'

/**
 * Public pages: "forgot password" (same answer whatever the address) and
 * "set new password" from the mailed link (reset or invitation).
 */
export default class PasswordResetController {
  async create({ inertia }: HttpContext) {
    return inertia.render('backoffice/auth/forgot_password', {
      actions: {
        request: router.urlBuilder.urlFor('backoffice.password_reset.store'),
        login: router.urlBuilder.urlFor('backoffice.session.create'),
      },
    })
  }

  @inject()
  async store(ctx: HttpContext, requestReset: RequestStaffPasswordReset) {
    const { email } = await ctx.request.validateUsing(requestStaffPasswordResetValidator)
    await requestReset.handle({ email, context: auditContext(ctx) })
    ctx.session.flash('success', RESET_REQUESTED_MESSAGE)
    return ctx.response.redirect().toRoute('backoffice.password_reset.create')
  }

  async edit({ inertia, params }: HttpContext) {
    const token = await findUsablePasswordToken(db.connection(), String(params.token))
    return inertia.render('backoffice/auth/reset_password', {
      valid: token !== null,
      purpose: token?.purpose ?? null,
      passwordMinLength: STAFF_PASSWORD_MIN_LENGTH,
      actions: {
        update: router.urlBuilder.urlFor('backoffice.password_reset.update', { token: String(params.token) }),
        forgot: router.urlBuilder.urlFor('backoffice.password_reset.create'),
        login: router.urlBuilder.urlFor('backoffice.session.create'),
      },
    })
  }

  @inject()
  async update(ctx: HttpContext, resetPassword: ResetStaffPassword) {
    const { password } = await ctx.request.validateUsing(resetStaffPasswordValidator)
    await resetPassword.handle({ token: String(ctx.params.token), password, context: auditContext(ctx) })
    ctx.session.flash('success', 'Your password is set. Sign in with it (and your authenticator app).')
    return ctx.response.redirect().toRoute('backoffice.session.create')
  }
}
