import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Approval from '#models/approval'
import ApprovalPolicy from '#policies/approval_policy'
import DecideApproval from '#actions/approvals/decide_approval'
import ApprovalQueries from '#queries/approvals/approval_queries'
import ApprovalTransformer from '#transformers/approval_transformer'
import { APPROVAL_KIND_NAMES, APPROVAL_KINDS } from '#domain/approvals/approval_kinds'
import { auditContext } from '#services/audit/audit_trail'
import {
  approveApprovalValidator,
  listApprovalsValidator,
  rejectApprovalValidator,
} from '#validators/approval'

const url = (name: string, id?: number) => router.urlBuilder.urlFor(name as any, id === undefined ? {} : { id })

/**
 * The four-eyes inbox: list, detail, approve / reject. Deciding is
 * authorized per approval (ApprovalPolicy.decide: never the maker) and
 * re-checked by DecideApproval inside its transaction.
 */
export default class ApprovalsController {
  @inject()
  async index({ bouncer, request, inertia }: HttpContext, queries: ApprovalQueries) {
    await bouncer.with(ApprovalPolicy).authorize('viewAny')
    const filters = await listApprovalsValidator.validate(request.qs())
    const status = filters.status ?? 'pending'
    const sort = filters.sort ?? 'created_at'
    const direction = filters.direction ?? (status === 'pending' ? 'asc' : 'desc')
    const page = await queries.list({
      status, kind: filters.kind, sort, direction, page: filters.page ?? 1, perPage: filters.perPage ?? 25,
    })
    const decidable = new Set<number>()
    for (const approval of page.all()) {
      if (approval.status === 'pending' && (await bouncer.with(ApprovalPolicy).allows('decide', approval))) {
        decidable.add(Number(approval.id))
      }
    }
    return inertia.render('backoffice/approvals/index', {
      approvals: ApprovalTransformer.paginate(page.all(), page.getMeta(), decidable),
      filters: { status, kind: filters.kind ?? '', sort, direction, perPage: filters.perPage ?? 25 },
      counts: await queries.countsByStatus(filters.kind),
      kinds: APPROVAL_KIND_NAMES.map((kind) => ({ value: kind, label: APPROVAL_KINDS[kind].label })),
      urls: { index: url('backoffice.approvals.index') },
    })
  }

  @inject()
  async show({ bouncer, params, inertia }: HttpContext, queries: ApprovalQueries) {
    await bouncer.with(ApprovalPolicy).authorize('viewAny')
    const approval = await queries.find(Number(params.id))
    const decide = approval.status === 'pending' && (await bouncer.with(ApprovalPolicy).allows('decide', approval))
    return inertia.render('backoffice/approvals/show', {
      approval: ApprovalTransformer.transform(approval).useVariant('forDetail'),
      can: { approve: decide, reject: decide },
      urls: {
        index: url('backoffice.approvals.index'),
        approve: url('backoffice.approvals.approve', Number(approval.id)),
        reject: url('backoffice.approvals.reject', Number(approval.id)),
      },
    })
  }

  @inject()
  async approve(ctx: HttpContext, decideApproval: DecideApproval) {
    const approval = await Approval.findOrFail(Number(ctx.params.id))
    await ctx.bouncer.with(ApprovalPolicy).authorize('decide', approval)
    const { reason } = await ctx.request.validateUsing(approveApprovalValidator)
    const decided = await decideApproval.handle({
      approvalId: Number(approval.id), checker: ctx.auth.use('web').getUserOrFail(), decision: 'approve',
      reason: reason ?? null, context: auditContext(ctx),
    })
    ctx.session.flash('success', `Approved and executed: ${decided.summary}`)
    return ctx.response.redirect().toRoute('backoffice.approvals.show', { id: decided.id })
  }

  @inject()
  async reject(ctx: HttpContext, decideApproval: DecideApproval) {
    const approval = await Approval.findOrFail(Number(ctx.params.id))
    await ctx.bouncer.with(ApprovalPolicy).authorize('decide', approval)
    const { reason } = await ctx.request.validateUsing(rejectApprovalValidator)
    const decided = await decideApproval.handle({
      approvalId: Number(approval.id), checker: ctx.auth.use('web').getUserOrFail(), decision: 'reject',
      reason, context: auditContext(ctx),
    })
    ctx.session.flash('success', `Rejected: ${decided.summary}`)
    return ctx.response.redirect().toRoute('backoffice.approvals.show', { id: decided.id })
  }
}
