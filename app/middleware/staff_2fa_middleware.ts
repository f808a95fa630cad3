import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaffUser from '#models/staff_user'

/**
 * Guards the backoffice: only a fully authenticated staff session
 * (password + second factor; the "web" guard logs in only after the
 * second factor) gets through. Browsers are sent to the sign-in page,
 * JSON clients get 401. A deactivated account is signed out.
 */
export default class Staff2faMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const staff = await ctx.auth.authenticateUsing(['web']).catch(() => null)
    if (staff instanceof StaffUser && staff.isActive) {
      return next()
    }
    if (staff) await ctx.auth.use('web').logout()

    const wantsJson = !ctx.request.header('x-inertia') && ctx.request.accepts(['html', 'json']) === 'json'
    if (wantsJson) {
      return ctx.response
        .status(401)
        .header('Content-Type', 'application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Unauthenticated',
          status: 401,
          code: 'E_UNAUTHORIZED_ACCESS',
          detail: 'Sign in with your password and second factor.',
          request_id: ctx.request.id() ?? null,
        })
    }
    return ctx.response.redirect().toRoute('backoffice.session.create')
  }
}
