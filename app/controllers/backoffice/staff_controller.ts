import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import StaffUser from '#models/staff_user'
import StaffPolicy from '#policies/staff_policy'
import ListStaffDirectory from '#actions/staff/list_staff_directory'
import RequestStaffInvitation from '#actions/staff/request_staff_invitation'
import RequestStaffReactivation from '#actions/staff/request_staff_reactivation'
import DeactivateStaff from '#actions/staff/deactivate_staff'
import RequestStaffRoleChange from '#actions/staff/request_staff_role_change'
import RequestStaffTwoFactorReset from '#actions/staff/request_staff_two_factor_reset'
import StaffMemberTransformer from '#transformers/staff_member_transformer'
import { auditContext } from '#services/audit/audit_trail'
import { pendingStaffApprovals, pendingStaffInvitations, staffPageCan, staffRoleOptions } from '#controllers/backoffice/staff_page_props'
import {
  inviteStaffValidator,
  listStaffValidator,
  requestStaffReactivationValidator,
  requestStaffRoleChangeValidator,
  requestStaffTwoFactorResetValidator,
} from '#validators/staff'

/**
 * Staff & roles (admins): list and deactivate; granting power (invitation,
 * reactivation, role change) and 2FA resets are four-eyes requests that
 * another administrator decides in the approvals inbox.
 */
export default class StaffController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, listStaff: ListStaffDirectory) {
    await bouncer.with(StaffPolicy).authorize('viewAny')
    const filters = await listStaffValidator.validate(request.qs())
    const staff = await listStaff.handle(filters)
    return inertia.render('backoffice/staff/index', {
      // @ts-ignore the directory overrides the shared `staff` prop (the signed-in member), which Inertia's render() type forbids
      staff: StaffMemberTransformer.paginate(staff.all(), staff.getMeta()),
      filters: { q: '', role: '', status: '', sort: 'name', direction: 'asc', ...filters, perPage: filters.perPage ?? 25 },
      roles: staffRoleOptions(),
      pendingInvitations: await pendingStaffInvitations(),
      urls: { index: router.urlBuilder.urlFor('backoffice.staff.index'), create: router.urlBuilder.urlFor('backoffice.staff.create') },
      can: await staffPageCan(bouncer),
    })
  }

  async create({ bouncer, inertia }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('manage')
    return inertia.render('backoffice/staff/create', {
      roles: staffRoleOptions(),
      actions: { store: router.urlBuilder.urlFor('backoffice.staff.store'), cancel: router.urlBuilder.urlFor('backoffice.staff.index') },
      can: await staffPageCan(bouncer),
    })
  }

  @inject()
  async store(ctx: HttpContext, requestInvitation: RequestStaffInvitation) {
    await ctx.bouncer.with(StaffPolicy).authorize('manage')
    const form = await ctx.request.validateUsing(inviteStaffValidator)
    const maker = ctx.auth.getUserOrFail() as StaffUser
    await requestInvitation.handle({
      maker, fullName: form.full_name, email: form.email, role: form.role, reason: form.reason,
      idempotencyKey: form.idempotency_key, context: auditContext(ctx),
    })
    ctx.session.flash('success', `Invitation of ${form.email} waiting for another administrator's approval. Nothing is sent before that.`)
    return ctx.response.redirect().toRoute('backoffice.staff.index')
  }

  async show({ bouncer, params, inertia, auth }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('viewAny')
    const member = await StaffUser.findOrFail(Number(params.id))
    const id = Number(member.id)
    const url = (name: string) => router.urlBuilder.urlFor(name as any, { id })
    return inertia.render('backoffice/staff/show', {
      member: StaffMemberTransformer.transform(member),
      isSelf: id === Number(auth.user!.id),
      pendingApprovals: await pendingStaffApprovals(id),
      roles: staffRoleOptions(),
      actions: {
        deactivate: url('backoffice.staff.deactivate'),
        reactivate: url('backoffice.staff.reactivate'),
        changeRole: url('backoffice.staff.role'),
        resetTwoFactor: url('backoffice.staff.reset_two_factor'),
        index: router.urlBuilder.urlFor('backoffice.staff.index'),
      },
      can: await staffPageCan(bouncer),
    })
  }

  @inject()
  async deactivate(ctx: HttpContext, deactivateStaff: DeactivateStaff) {
    await ctx.bouncer.with(StaffPolicy).authorize('manage')
    const admin = ctx.auth.getUserOrFail() as StaffUser
    const staffId = Number(ctx.params.id)
    await deactivateStaff.handle({ admin, staffId, context: auditContext(ctx) })
    ctx.session.flash('success', 'Staff member deactivated; their sessions have ended.')
    return ctx.response.redirect().toRoute('backoffice.staff.show', { id: staffId })
  }

  @inject()
  async reactivate(ctx: HttpContext, requestReactivation: RequestStaffReactivation) {
    await ctx.bouncer.with(StaffPolicy).authorize('manage')
    const form = await ctx.request.validateUsing(requestStaffReactivationValidator)
    const maker = ctx.auth.getUserOrFail() as StaffUser
    const staffId = Number(ctx.params.id)
    await requestReactivation.handle({ maker, staffId, reason: form.reason, idempotencyKey: form.idempotency_key, context: auditContext(ctx) })
    ctx.session.flash('success', "Reactivation waiting for another administrator's approval.")
    return ctx.response.redirect().toRoute('backoffice.staff.show', { id: staffId })
  }

  @inject()
  async role(ctx: HttpContext, requestRoleChange: RequestStaffRoleChange) {
    await ctx.bouncer.with(StaffPolicy).authorize('manage')
    const form = await ctx.request.validateUsing(requestStaffRoleChangeValidator)
    const maker = ctx.auth.getUserOrFail() as StaffUser
    const staffId = Number(ctx.params.id)
    await requestRoleChange.handle({ maker, staffId, toRole: form.role, reason: form.reason, idempotencyKey: form.idempotency_key, context: auditContext(ctx) })
    ctx.session.flash('success', 'Role change requested. Another administrator must approve it.')
    return ctx.response.redirect().toRoute('backoffice.staff.show', { id: staffId })
  }

  @inject()
  async resetTwoFactor(ctx: HttpContext, requestReset: RequestStaffTwoFactorReset) {
    await ctx.bouncer.with(StaffPolicy).authorize('manage')
    const form = await ctx.request.validateUsing(requestStaffTwoFactorResetValidator)
    const maker = ctx.auth.getUserOrFail() as StaffUser
    const staffId = Number(ctx.params.id)
    await requestReset.handle({ maker, staffId, reason: form.reason, idempotencyKey: form.idempotency_key, context: auditContext(ctx) })
    ctx.session.flash('success', 'Two-factor reset requested. Another administrator must approve it.')
    return ctx.response.redirect().toRoute('backoffice.staff.show', { id: staffId })
  }
}
