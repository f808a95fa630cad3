import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import RiskPolicy from '#policies/risk_policy'
import AlertQueries from '#queries/risk/alert_queries'
import AssignAlert from '#actions/risk/assign_alert'
import AddAlertNote from '#actions/risk/add_alert_note'
import ResolveAlert, { type AlertOutcome } from '#actions/risk/resolve_alert'
import FreezeAlertAccount from '#actions/risk/freeze_alert_account'
import SettleAlertHold from '#actions/risk/settle_alert_hold'
import RiskAlertTransformer from '#transformers/risk_alert_transformer'
import { riskAlertPageProps } from '#controllers/backoffice/risk_alert_page_props'
import { auditContext } from '#services/audit/audit_trail'
import { ALERT_AGE_FILTERS, ALERT_SEVERITIES } from '#domain/risk/alert_status'
import {
  addRiskAlertNoteValidator,
  assignRiskAlertValidator,
  listRiskAlertsValidator,
  riskAlertReasonValidator,
  settleRiskAlertHoldValidator,
} from '#validators/risk_alert'

const DEFAULT_PER_PAGE = 25

/** The compliance queue and the alert page with its actions (each one audited) */
export default class RiskAlertsController {
  @inject()
  async index({ bouncer, request, inertia, auth }: HttpContext, queries: AlertQueries) {
    await bouncer.with(RiskPolicy).authorize('viewAlerts')
    const f = await listRiskAlertsValidator.validate(request.qs())
    const me = Number(auth.use('web').getUserOrFail().id)
    const assignee = f.assignee === 'me' ? me : f.assignee === 'unassigned' ? 'unassigned' : f.assignee ? Number(f.assignee) : undefined
    const query = { status: f.status ?? 'active', sort: f.sort ?? 'priority', direction: f.direction ?? 'asc' } as const
    const page = await queries.list({
      ...query, severity: f.severity, typology: f.typology, assignee, age: f.age, page: f.page ?? 1, perPage: f.perPage ?? DEFAULT_PER_PAGE,
    })
    return inertia.render('backoffice/risk/alerts/index', {
      alerts: RiskAlertTransformer.paginate(page.all(), page.getMeta()),
      filters: { ...query, severity: f.severity ?? '', typology: f.typology ?? '', assignee: f.assignee ?? '', age: f.age ?? '', perPage: f.perPage ?? DEFAULT_PER_PAGE },
      options: {
        severities: [...ALERT_SEVERITIES], ages: Object.keys(ALERT_AGE_FILTERS), typologies: await queries.typologies(), assignees: await queries.assignees(),
      },
      urls: { index: router.urlBuilder.urlFor('backoffice.risk.alerts.index') },
    })
  }

  @inject()
  async show(ctx: HttpContext, queries: AlertQueries) {
    await ctx.bouncer.with(RiskPolicy).authorize('viewAlerts')
    const alert = await queries.find(Number(ctx.params.id))
    return ctx.inertia.render('backoffice/risk/alerts/show', await riskAlertPageProps(ctx, alert))
  }

  @inject()
  async assign(ctx: HttpContext, assignAlert: AssignAlert) {
    await ctx.bouncer.with(RiskPolicy).authorize('workAlerts')
    const { assigneeId } = await ctx.request.validateUsing(assignRiskAlertValidator)
    const { staff, context } = who(ctx)
    const alert = await assignAlert.handle({ alertId: Number(ctx.params.id), assigneeId: assigneeId ?? staff.id, staff, context })
    return back(ctx, alert.id, `Alert #${alert.id} assigned; it is under investigation.`)
  }

  @inject()
  async note(ctx: HttpContext, addNote: AddAlertNote) {
    await ctx.bouncer.with(RiskPolicy).authorize('workAlerts')
    const { note } = await ctx.request.validateUsing(addRiskAlertNoteValidator)
    await addNote.handle({ alertId: Number(ctx.params.id), note, ...who(ctx) })
    return back(ctx, Number(ctx.params.id), 'Note added.')
  }

  async dismiss(ctx: HttpContext) {
    return this.resolve(ctx, 'dismiss', 'dismissed')
  }

  async confirm(ctx: HttpContext) {
    return this.resolve(ctx, 'confirm', 'confirmed')
  }

  async escalate(ctx: HttpContext) {
    return this.resolve(ctx, 'escalate', 'escalated: a compliance case was opened')
  }

  @inject()
  async freeze(ctx: HttpContext, freezeAlertAccount: FreezeAlertAccount) {
    return this.changeAccount(ctx, freezeAlertAccount, true)
  }

  @inject()
  async unfreeze(ctx: HttpContext, freezeAlertAccount: FreezeAlertAccount) {
    return this.changeAccount(ctx, freezeAlertAccount, false)
  }

  @inject()
  async settleHold(ctx: HttpContext, settleAlertHold: SettleAlertHold) {
    await ctx.bouncer.with(RiskPolicy).authorize('settleHolds')
    const data = await ctx.request.validateUsing(settleRiskAlertHoldValidator)
    const result = await settleAlertHold.handle({ alertId: Number(ctx.params.id), ...data, ...who(ctx) })
    const done = data.outcome === 'capture' ? 'captured: the payment went to its payee' : 'released: the payment is cancelled'
    const message = result.settled
      ? `Held payment ${done}.`
      : `Above the four-eyes limit: approval #${result.approval.id} waits for a second staff member.`
    return back(ctx, Number(ctx.params.id), message)
  }

  private async resolve(ctx: HttpContext, outcome: AlertOutcome, done: string) {
    await ctx.bouncer.with(RiskPolicy).authorize('workAlerts')
    const { reason } = await ctx.request.validateUsing(riskAlertReasonValidator)
    const resolveAlert = await ctx.containerResolver.make(ResolveAlert)
    const { alert } = await resolveAlert.handle({ alertId: Number(ctx.params.id), outcome, reason, ...who(ctx) })
    return back(ctx, alert.id, `Alert #${alert.id} ${done}.`)
  }

  private async changeAccount(ctx: HttpContext, action: FreezeAlertAccount, freeze: boolean) {
    await ctx.bouncer.with(RiskPolicy).authorize('workAlerts')
    const { reason } = await ctx.request.validateUsing(riskAlertReasonValidator)
    const account = await action.handle({ alertId: Number(ctx.params.id), freeze, reason, ...who(ctx) })
    const message = freeze ? `Account ${account.number} frozen: debits are refused.` : `Account ${account.number} is active again.`
    return back(ctx, Number(ctx.params.id), message)
  }
}

function who(ctx: HttpContext) {
  return { staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) }
}

function back(ctx: HttpContext, id: number, message: string) {
  ctx.session.flash('success', message)
  return ctx.response.redirect().toRoute('backoffice.risk.alerts.show', { id })
}
