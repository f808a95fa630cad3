import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import QRCode from 'qrcode'
import StaffUser from '#models/staff_user'
import VerifyStaffSecondFactor from '#actions/staff/verify_staff_second_factor'
import EnrolStaffTotp from '#actions/staff/enrol_staff_totp'
import { newTotpSecret, totpUri } from '#services/auth/totp'
import { enrolStaffTotpValidator, verifyStaffSecondFactorValidator } from '#validators/staff_auth'
import {
  clearPendingLogin,
  enrolmentSecret,
  pendingLogin,
  storedEnrolmentSecret,
} from '#services/auth/pending_staff_login'
import { startStaffSession } from '#services/auth/staff_session'
import { auditContext } from '#services/audit/audit_trail'
import SecondFactorSessionExpiredException from '#exceptions/second_factor_session_expired_exception'

/**
 * Backoffice sign-in, second step: TOTP enrolment on first sign-in,
 * otherwise a TOTP or recovery code. Only here is the guard logged in.
 */
export default class TwoFactorController {
  async show({ inertia, session, response }: HttpContext) {
    const pending = pendingLogin(session)
    if (!pending) return response.redirect().toRoute('backoffice.session.create')
    const staff = await this.pendingStaff(pending.staffId)

    if (staff && staff.totpSecret === null) {
      const secret = enrolmentSecret(session, newTotpSecret)
      return inertia.render('backoffice/auth/two_factor_enrol', {
        secret,
        qrCodeDataUrl: await QRCode.toDataURL(totpUri(secret, staff.email), { margin: 1, width: 200 }),
        actions: { enrol: router.urlBuilder.urlFor('backoffice.two_factor.enrol') },
      })
    }
    return inertia.render('backoffice/auth/two_factor_challenge', {
      email: pending.email,
      actions: {
        verify: router.urlBuilder.urlFor('backoffice.two_factor.verify'),
        restart: router.urlBuilder.urlFor('backoffice.session.create'),
      },
    })
  }

  @inject()
  async verify(ctx: HttpContext, verifySecondFactor: VerifyStaffSecondFactor) {
    const { request, session, response } = ctx
    const pending = this.requirePending(ctx)
    const { code } = await request.validateUsing(verifyStaffSecondFactorValidator)
    clearPendingLogin(session) // one code per password step, right or wrong
    const { staffId, method } = await verifySecondFactor.handle({ pending, code, context: auditContext(ctx) })
    await this.completeLogin(ctx, staffId)
    if (method === 'recovery_code') {
      session.flash('success', 'Signed in with a recovery code. That code cannot be used again.')
    }
    return response.redirect().toRoute('backoffice.dashboard')
  }

  @inject()
  async enrol(ctx: HttpContext, enrolTotp: EnrolStaffTotp) {
    const { request, session, response } = ctx
    const { staffId, email } = this.requirePending(ctx)
    const secret = storedEnrolmentSecret(session)
    if (!secret || staffId === null) throw new SecondFactorSessionExpiredException()
    const { code } = await request.validateUsing(enrolStaffTotpValidator)
    const { recoveryCodes } = await enrolTotp.handle({ staffId, email, secret, code, context: auditContext(ctx) })
    await this.completeLogin(ctx, staffId)
    session.flash('recoveryCodes', recoveryCodes)
    return response.redirect().toRoute('backoffice.two_factor.recovery_codes')
  }

  /** Shown once, right after enrolment (the codes travel in the flash) */
  async recoveryCodes({ inertia, session, response }: HttpContext) {
    const recoveryCodes = session.flashMessages.get('recoveryCodes') as string[] | undefined
    if (!recoveryCodes) return response.redirect().toRoute('backoffice.dashboard')
    return inertia.render('backoffice/auth/recovery_codes', {
      recoveryCodes,
      continueUrl: router.urlBuilder.urlFor('backoffice.dashboard'),
    })
  }

  /** The staff member whose password was right (null after a failed password step) */
  private async pendingStaff(staffId: number | null) {
    return staffId === null ? null : StaffUser.query().where('id', staffId).where('is_active', true).first()
  }

  private requirePending({ session }: HttpContext) {
    const pending = pendingLogin(session)
    if (!pending) throw new SecondFactorSessionExpiredException()
    return pending
  }

  private async completeLogin({ auth, session, request }: HttpContext, staffId: number) {
    clearPendingLogin(session)
    const staff = await StaffUser.findOrFail(staffId)
    await auth.use('web').login(staff)
    await startStaffSession(session, staff, request.ip())
  }
}
