import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import StaffUser from '#models/staff_user'
import ChangeStaffPassword from '#actions/staff/change_staff_password'
import SignOutOtherStaffSessions from '#actions/staff/sign_out_other_staff_sessions'
import RegenerateStaffRecoveryCodes from '#actions/staff/regenerate_staff_recovery_codes'
import StaffMemberTransformer from '#transformers/staff_member_transformer'
import { auditContext } from '#services/audit/audit_trail'
import { adoptSessionVersion } from '#services/auth/staff_session'
import { STAFF_PASSWORD_MIN_LENGTH, changeStaffPasswordValidator, confirmStaffPasswordValidator } from '#validators/staff'

/**
 * "My account": own password, other sessions, recovery codes. Every
 * signed-in staff member, on themself only.
 */
export default class ProfileController {
  async show({ auth, inertia }: HttpContext) {
    const staff = auth.getUserOrFail() as StaffUser
    return inertia.render('backoffice/profile/show', {
      account: StaffMemberTransformer.transform(staff),
      passwordMinLength: STAFF_PASSWORD_MIN_LENGTH,
      actions: {
        password: router.urlBuilder.urlFor('backoffice.profile.password'),
        signOutOthers: router.urlBuilder.urlFor('backoffice.profile.sign_out_others'),
        recoveryCodes: router.urlBuilder.urlFor('backoffice.profile.recovery_codes'),
      },
    })
  }

  @inject()
  async password(ctx: HttpContext, changePassword: ChangeStaffPassword) {
    const staff = ctx.auth.getUserOrFail() as StaffUser
    const form = await ctx.request.validateUsing(changeStaffPasswordValidator)
    const { sessionVersion } = await changePassword.handle({
      staffId: Number(staff.id),
      currentPassword: form.current_password,
      newPassword: form.password,
      context: auditContext(ctx),
    })
    await adoptSessionVersion(ctx.session, sessionVersion)
    ctx.session.flash('success', 'Your password was changed. Your other sessions were signed out.')
    return ctx.response.redirect().toRoute('backoffice.profile.show')
  }

  @inject()
  async signOutOthers(ctx: HttpContext, signOutOthers: SignOutOtherStaffSessions) {
    const staff = ctx.auth.getUserOrFail() as StaffUser
    const { sessionVersion } = await signOutOthers.handle({ staffId: Number(staff.id), context: auditContext(ctx) })
    await adoptSessionVersion(ctx.session, sessionVersion)
    ctx.session.flash('success', 'Your other sessions were signed out. This one stays open.')
    return ctx.response.redirect().toRoute('backoffice.profile.show')
  }

  @inject()
  async recoveryCodes(ctx: HttpContext, regenerate: RegenerateStaffRecoveryCodes) {
    const staff = ctx.auth.getUserOrFail() as StaffUser
    const { current_password: currentPassword } = await ctx.request.validateUsing(confirmStaffPasswordValidator)
    const { recoveryCodes } = await regenerate.handle({ staffId: Number(staff.id), currentPassword, context: auditContext(ctx) })
    ctx.session.flash('recoveryCodes', recoveryCodes)
    return ctx.response.redirect().toRoute('backoffice.two_factor.recovery_codes')
  }
}
