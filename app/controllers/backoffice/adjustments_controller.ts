import { randomUUID } from 'node:crypto'
import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import TellerPolicy from '#policies/teller_policy'
import RequestAdjustment from '#actions/ledger/request_adjustment'
import { auditContext } from '#services/audit/audit_trail'
import { adjustmentPrefillValidator, requestAdjustmentValidator } from '#validators/teller'

const url = router.urlBuilder.urlFor

/** Manual adjustments against suspense: always a four-eyes request */
export default class AdjustmentsController {
  async create({ bouncer, request, inertia }: HttpContext) {
    await bouncer.with(TellerPolicy).authorize('adjust')
    const { account } = await adjustmentPrefillValidator.validate(request.qs())
    return inertia.render('backoffice/adjustments/create', {
      idempotencyKey: randomUUID(),
      accountNumber: account ?? '',
      urls: { store: url('backoffice.adjustments.store') },
      can: { adjust: await bouncer.with(TellerPolicy).allows('adjust') },
    })
  }

  @inject()
  async store(ctx: HttpContext, requestAdjustment: RequestAdjustment) {
    await ctx.bouncer.with(TellerPolicy).authorize('adjust')
    const input = await ctx.request.validateUsing(requestAdjustmentValidator)
    const { approval } = await requestAdjustment.handle({
      ...input,
      staff: ctx.auth.use('web').getUserOrFail(),
      context: auditContext(ctx),
    })
    ctx.session.flash('success', `Adjustment requested: approval #${approval.id} is waiting for a second staff member.`)
    return ctx.response.redirect(url('backoffice.adjustments.create'))
  }
}
