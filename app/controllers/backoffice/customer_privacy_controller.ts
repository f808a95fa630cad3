import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CustomerPrivacyPolicy from '#policies/customer_privacy_policy'
import ExportCustomerData from '#actions/customers/export_customer_data'
import DownloadCustomerExport from '#actions/customers/download_customer_export'
import RequestCustomerErasure from '#actions/customers/request_customer_erasure'
import { auditActor, auditContext } from '#services/audit/audit_trail'
import { requestErasureValidator } from '#validators/customer_privacy'

const back = (ctx: HttpContext, customerId: number, message: string) => {
  ctx.session.flash('success', message)
  return ctx.response.redirect().toRoute('backoffice.customers.show', { id: customerId })
}

/**
 * Access-request exports (create: sealed in the customer's region;
 * download: opened on the fly, audited, as an attachment) and erasure
 * requests (four-eyes) from the customer page.
 */
export default class CustomerPrivacyController {
  @inject()
  async storeExport(ctx: HttpContext, exportData: ExportCustomerData) {
    await ctx.bouncer.with(CustomerPrivacyPolicy).authorize('export')
    const customerId = Number(ctx.params.id)
    const { exportId } = await exportData.handle({ customerId, actor: auditActor(ctx), context: auditContext(ctx) })
    return back(ctx, customerId, `Export ${exportId} created (sealed in the customer's region).`)
  }

  @inject()
  async showExport(ctx: HttpContext, download: DownloadCustomerExport) {
    await ctx.bouncer.with(CustomerPrivacyPolicy).authorize('export')
    const customerId = Number(ctx.params.id)
    const json = await download.handle({ customerId, exportId: ctx.params.exportId, actor: auditActor(ctx), context: auditContext(ctx) })
    ctx.response.header('Content-Type', 'application/json; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="customer-${customerId}-${ctx.params.exportId}.json"`)
    ctx.response.header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'private, no-store')
    return ctx.response.send(json)
  }

  @inject()
  async requestErasure(ctx: HttpContext, requestErasure: RequestCustomerErasure) {
    await ctx.bouncer.with(CustomerPrivacyPolicy).authorize('erase')
    const { reason, idempotencyKey } = await ctx.request.validateUsing(requestErasureValidator)
    const customerId = Number(ctx.params.id)
    const staff = ctx.auth.use('web').getUserOrFail()
    const { approval } = await requestErasure.handle({ customerId, reason, idempotencyKey, staff, context: auditContext(ctx) })
    return back(ctx, customerId, `The erasure request is waiting for a second person (approval #${approval.id}).`)
  }
}
