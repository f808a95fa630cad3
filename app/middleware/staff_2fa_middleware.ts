import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaffUser from '#models/staff_user'
import AuditTrail, { auditContext } from '#services/audit/audit_trail'
import {
  EXPIRY_MESSAGES,
  type StaffSessionRecord,
  type StaffSessionVerdict,
  touchStaffSession,
} from '#services/auth/staff_session'

/**
 * Guards the backoffice: only a fully authenticated staff session
 * (password + second factor; the "web" guard logs in only after the
 * second factor) gets through. Browsers are sent to the sign-in page,
 * JSON clients get 401. A deactivated account is signed out, and so is a
 * session whose server-side record (#services/auth/staff_session, table
 * staff_sessions) is ended (logged out), past its idle or absolute limit
 * or older than the account's session_version: audited as
 * 'staff.session.expired', sent to sign-in with the reason flashed. Costs
 * one indexed UPDATE per request besides the guard's user lookup.
 */
export default class Staff2faMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const staff = await ctx.auth.authenticateUsing(['web']).catch(() => null)
    if (staff instanceof StaffUser && staff.isActive) {
      const { verdict, record } = await touchStaffSession(ctx.session, staff)
      if (verdict === 'ok') return next()
      await this.expire(ctx, staff, verdict, record)
    } else if (staff) {
      await ctx.auth.use('web').logout()
    }

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

  private async expire(
    ctx: HttpContext,
    staff: StaffUser,
    verdict: Exclude<StaffSessionVerdict, 'ok'>,
    record: StaffSessionRecord | null
  ) {
    await ctx.auth.use('web').logout()
    await AuditTrail.record({
      actor: { type: 'staff', id: staff.id },
      action: 'staff.session.expired',
      subject: { type: 'staff_user', id: staff.id },
      metadata: {
        reason: verdict,
        ...(record ? { signed_in_at: new Date(record.createdAt).toISOString() } : {}),
        ...(record ? { last_seen_at: new Date(record.lastSeenAt).toISOString() } : {}),
        ...(record?.endedAt ? { ended_at: new Date(record.endedAt).toISOString() } : {}),
      },
      ...auditContext(ctx),
    })
    ctx.session.flash('error', EXPIRY_MESSAGES[verdict])
  }
}
