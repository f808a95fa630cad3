import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import type StaffUser from '#models/staff_user'
import PartnerPolicy from '#policies/partner_policy'
import PartnerQueries from '#queries/openbanking/partner_queries'
import RequestPartnerRegistration from '#actions/openbanking/request_partner_registration'
import RequestPartnerReactivation from '#actions/openbanking/request_partner_reactivation'
import SuspendPartner from '#actions/openbanking/suspend_partner'
import PartnerTransformer from '#transformers/partner_transformer'
import { auditContext } from '#services/audit/audit_trail'
import {
  partnerFormOptions,
  partnerPageCan,
  partnerPageProps,
  pendingPartnerRegistrations,
} from '#controllers/backoffice/partner_page_props'
import {
  listPartnersValidator,
  partnerRegistrationFromForm,
  requestPartnerReactivationValidator,
  requestPartnerRegistrationValidator,
  showPartnerValidator,
  suspendPartnerValidator,
} from '#validators/partner'

const DEFAULT_PER_PAGE = 25

/**
 * Partner fintechs (open banking): the list, the partner page, and the
 * registration form. Registering and reactivating file four-eyes requests
 * that another administrator decides in the approvals inbox; suspending
 * acts at once.
 */
export default class PartnersController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, queries: PartnerQueries) {
    await bouncer.with(PartnerPolicy).authorize('viewAny')
    const filters = await listPartnersValidator.validate(request.qs())
    const page = await queries.list({ status: filters.status, page: filters.page ?? 1, perPage: filters.perPage ?? DEFAULT_PER_PAGE })
    return inertia.render('backoffice/partners/index', {
      partners: PartnerTransformer.paginate(page.all(), page.getMeta()),
      filters: { status: filters.status ?? '', perPage: filters.perPage ?? DEFAULT_PER_PAGE },
      pendingRegistrations: await pendingPartnerRegistrations(),
      can: await partnerPageCan(bouncer),
      urls: { index: router.urlBuilder.urlFor('backoffice.partners.index'), create: router.urlBuilder.urlFor('backoffice.partners.create') },
    })
  }

  async create({ bouncer, inertia }: HttpContext) {
    await bouncer.with(PartnerPolicy).authorize('register')
    return inertia.render('backoffice/partners/create', {
      options: partnerFormOptions(),
      urls: { store: router.urlBuilder.urlFor('backoffice.partners.store'), index: router.urlBuilder.urlFor('backoffice.partners.index') },
    })
  }

  @inject()
  async store(ctx: HttpContext, requestRegistration: RequestPartnerRegistration) {
    await ctx.bouncer.with(PartnerPolicy).authorize('register')
    const form = await ctx.request.validateUsing(requestPartnerRegistrationValidator)
    const partner = await partnerRegistrationFromForm(form)
    const { approval } = await requestRegistration.handle({
      maker: ctx.auth.getUserOrFail() as StaffUser, partner, reason: form.reason ?? null,
      idempotencyKey: form.idempotency_key, context: auditContext(ctx),
    })
    ctx.session.flash('success', `Registration of "${partner.name}" requested (approval #${approval.id}). Another administrator must approve it; the client id is issued then.`)
    return ctx.response.redirect().toRoute('backoffice.partners.index')
  }

  @inject()
  async show(ctx: HttpContext, queries: PartnerQueries) {
    await ctx.bouncer.with(PartnerPolicy).authorize('viewAny')
    const filters = await showPartnerValidator.validate(ctx.request.qs())
    const partner = await queries.find(Number(ctx.params.id))
    return ctx.inertia.render('backoffice/partners/show', await partnerPageProps(ctx, partner, filters))
  }

  @inject()
  async suspend(ctx: HttpContext, suspendPartner: SuspendPartner) {
    await ctx.bouncer.with(PartnerPolicy).authorize('suspend')
    const { reason } = await ctx.request.validateUsing(suspendPartnerValidator)
    const admin = ctx.auth.getUserOrFail() as StaffUser
    const partnerId = Number(ctx.params.id)
    const { name } = await suspendPartner.handle({ admin, partnerId, reason, context: auditContext(ctx) })
    ctx.session.flash('success', `${name} is suspended: its tokens are refused from now on.`)
    return ctx.response.redirect().toRoute('backoffice.partners.show', { id: partnerId })
  }

  @inject()
  async reactivate(ctx: HttpContext, requestReactivation: RequestPartnerReactivation) {
    await ctx.bouncer.with(PartnerPolicy).authorize('suspend')
    const form = await ctx.request.validateUsing(requestPartnerReactivationValidator)
    const partnerId = Number(ctx.params.id)
    await requestReactivation.handle({
      maker: ctx.auth.getUserOrFail() as StaffUser, partnerId, reason: form.reason ?? null,
      idempotencyKey: form.idempotency_key, context: auditContext(ctx),
    })
    ctx.session.flash('success', "Reactivation waiting for another administrator's approval.")
    return ctx.response.redirect().toRoute('backoffice.partners.show', { id: partnerId })
  }
}
