import { inject } from '@adonisjs/core'
import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import AccountPolicy from '#policies/account_policy'
import FreezeAccount from '#actions/accounts/freeze_account'
import UnfreezeAccount from '#actions/accounts/unfreeze_account'
import CloseAccount from '#actions/accounts/close_account'
import { auditContext } from '#services/audit/audit_trail'
import { changeAccountStatusValidator } from '#validators/account'

/** Freeze, unfreeze and close a customer account (reason required, audited) */
export default class AccountStatusController {
  @inject()
  async freeze(ctx: HttpContext, freezeAccount: FreezeAccount) {
    await ctx.bouncer.with(AccountPolicy).authorize('freeze')
    const { reason } = await ctx.request.validateUsing(changeAccountStatusValidator)
    const account = await freezeAccount.handle({ accountId: Number(ctx.params.id), reason, ...who(ctx) })
    ctx.session.flash('success', `Account ${account.number} frozen: debits are refused until it is unfrozen.`)
    return ctx.response.redirect(statementUrl(account.id))
  }

  @inject()
  async unfreeze(ctx: HttpContext, unfreezeAccount: UnfreezeAccount) {
    await ctx.bouncer.with(AccountPolicy).authorize('freeze')
    const { reason } = await ctx.request.validateUsing(changeAccountStatusValidator)
    const account = await unfreezeAccount.handle({ accountId: Number(ctx.params.id), reason, ...who(ctx) })
    ctx.session.flash('success', `Account ${account.number} is active again.`)
    return ctx.response.redirect(statementUrl(account.id))
  }

  @inject()
  async close(ctx: HttpContext, closeAccount: CloseAccount) {
    await ctx.bouncer.with(AccountPolicy).authorize('close')
    const { reason } = await ctx.request.validateUsing(changeAccountStatusValidator)
    const account = await closeAccount.handle({ accountId: Number(ctx.params.id), reason, ...who(ctx) })
    ctx.session.flash('success', `Account ${account.number} closed.`)
    return ctx.response.redirect(statementUrl(account.id))
  }
}

function who(ctx: HttpContext) {
  return { staff: ctx.auth.use('web').getUserOrFail(), context: auditContext(ctx) }
}

function statementUrl(id: number) {
  return router.urlBuilder.urlFor('backoffice.accounts.show', { id })
}
