import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import AttemptStaffPassword from '#actions/staff/attempt_staff_password'
import { createStaffSessionValidator } from '#validators/staff_auth'
import { clearPendingLogin, startPendingLogin } from '#services/auth/pending_staff_login'
import { endStaffSession } from '#services/auth/staff_session'
import { auditContext } from '#services/audit/audit_trail'

/**
 * Backoffice sign-in, first step (email + password), and sign-out.
 */
export default class SessionController {
  async create({ inertia, auth, response }: HttpContext) {
    if (await auth.use('web').check()) {
      return response.redirect().toRoute('backoffice.dashboard')
    }
    return inertia.render('backoffice/auth/login', {
      actions: {
        login: router.urlBuilder.urlFor('backoffice.session.store'),
        forgotPassword: router.urlBuilder.urlFor('backoffice.password_reset.create'),
      },
    })
  }

  @inject()
  async store(ctx: HttpContext, attempt: AttemptStaffPassword) {
    const { request, response, session } = ctx
    const { email, password } = await request.validateUsing(createStaffSessionValidator)
    const pending = await attempt.handle({ email, password, context: auditContext(ctx) })
    /** Right or wrong password: always on to the code step (AttemptStaffPassword) */
    startPendingLogin(session, pending)
    return response.redirect().toRoute('backoffice.two_factor.show')
  }

  /** Ends the server-side session record first: a copy of the cookie is refused from now on */
  async destroy(ctx: HttpContext) {
    const { auth, session, response } = ctx
    await endStaffSession(session, 'logout', auditContext(ctx))
    await auth.use('web').logout()
    clearPendingLogin(session)
    session.flash('success', 'You have been signed out.')
    return response.redirect().toRoute('backoffice.session.create')
  }
}
