import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import type StaffUser from '#models/staff_user'
import RiskPolicy from '#policies/risk_policy'
import RiskConfigurationQueries from '#queries/risk/risk_configuration_queries'
import RequestRiskConfigurationChange from '#actions/risk/request_risk_configuration_change'
import { auditContext } from '#services/audit/audit_trail'
import { pendingConfigurationChanges, ruleFormSpecs } from '#controllers/backoffice/risk_settings_page_props'
import { requestRiskConfigurationChangeValidator, riskConfigurationFromForm } from '#validators/risk'

/**
 * Risk settings (admins): the active rules and typologies, their version
 * history, and the form that requests a new version (four-eyes: another
 * administrator approves it in the approvals inbox).
 */
export default class RiskSettingsController {
  @inject()
  async show({ bouncer, inertia }: HttpContext, configurations: RiskConfigurationQueries) {
    await bouncer.with(RiskPolicy).authorize('configure')
    return inertia.render('backoffice/risk/settings', {
      configuration: await configurations.active(),
      versions: await configurations.versions(),
      rules: ruleFormSpecs(),
      pending: await pendingConfigurationChanges(),
      urls: {
        store: router.urlBuilder.urlFor('backoffice.risk.settings.store'),
        approvals: router.urlBuilder.urlFor('backoffice.approvals.index'),
      },
    })
  }

  @inject()
  async store(ctx: HttpContext, requestChange: RequestRiskConfigurationChange) {
    await ctx.bouncer.with(RiskPolicy).authorize('configure')
    const form = await ctx.request.validateUsing(requestRiskConfigurationChangeValidator)
    const configuration = riskConfigurationFromForm(form.configuration)
    const { approval } = await requestChange.handle({
      maker: ctx.auth.getUserOrFail() as StaffUser,
      configuration,
      reason: form.reason ?? null,
      idempotencyKey: form.idempotency_key,
      context: auditContext(ctx),
    })
    ctx.session.flash('success', `Change requested (approval #${approval.id}). Another administrator must approve it before it applies.`)
    return ctx.response.redirect().toRoute('backoffice.risk.settings.show')
  }
}
