import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import CustomerPolicy from '#policies/customer_policy'
import RevealCustomerPii from '#actions/customers/reveal_customer_pii'
import { auditContext } from '#services/audit/audit_trail'
import { REVEALED_FLASH_KEY } from '#controllers/backoffice/customer_page_props'

/**
 * "Reveal" on the customer page: audited ('customer.pii.viewed'), then back
 * to the page, which shows the identifiers for that one view only (a flash
 * marker; the values themselves never go into the session).
 */
export default class CustomerPiiController {
  @inject()
  async reveal(ctx: HttpContext, revealPii: RevealCustomerPii) {
    await ctx.bouncer.with(CustomerPolicy).authorize('viewPii')
    const customer = await revealPii.handle({
      customerId: Number(ctx.params.id), staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx),
    })
    ctx.session.flash(REVEALED_FLASH_KEY, customer.id)
    return ctx.response.redirect().toRoute('backoffice.customers.show', { id: customer.id })
  }
}
