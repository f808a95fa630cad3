import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import AccountPolicy from '#policies/account_policy'
import TellerPolicy from '#policies/teller_policy'
import OpenAccount from '#actions/accounts/open_account'
import LoadStatement from '#actions/accounts/load_statement'
import ExportStatement from '#actions/accounts/export_statement'
import AccountHeaderTransformer from '#transformers/account_header_transformer'
import StatementLineTransformer from '#transformers/statement_line_transformer'
import { auditContext } from '#services/audit/audit_trail'
import { openAccountValidator, statementQueryValidator } from '#validators/account'

const PER_PAGE = 25
const url = router.urlBuilder.urlFor

/** Opening accounts, statements and their CSV export */
export default class AccountsController {
  @inject()
  async store(ctx: HttpContext, openAccount: OpenAccount) {
    await ctx.bouncer.with(AccountPolicy).authorize('open')
    const input = await ctx.request.validateUsing(openAccountValidator)
    const staff = ctx.auth.use('web').getUserOrFail()
    const account = await openAccount.handle({ ...input, actor: { type: 'staff', id: staff.id }, context: auditContext(ctx) })
    ctx.session.flash('success', `Account ${account.number} opened (${account.currency}).`)
    return ctx.response.redirect(url('backoffice.accounts.show', { id: account.id }))
  }

  @inject()
  async show({ bouncer, request, params, inertia }: HttpContext, loadStatement: LoadStatement) {
    await bouncer.with(AccountPolicy).authorize('view')
    const filters = await statementQueryValidator.validate(request.qs())
    const page = filters.page ?? 1
    const { account, owner, lines, meta } = await loadStatement.handle({
      accountId: Number(params.id),
      filters,
      page,
      perPage: PER_PAGE,
    })
    return inertia.render('backoffice/accounts/show', {
      account: AccountHeaderTransformer.transform({ account, owner }),
      entries: StatementLineTransformer.paginate(lines, meta),
      filters: { from: filters.from ?? '', to: filters.to ?? '', direction: filters.direction ?? '' },
      urls: accountUrls(account.id, account.customerId),
      can: {
        export: await bouncer.with(AccountPolicy).allows('export'),
        freeze: await bouncer.with(AccountPolicy).allows('freeze'),
        close: await bouncer.with(AccountPolicy).allows('close'),
        adjust: await bouncer.with(TellerPolicy).allows('adjust'),
      },
    })
  }

  @inject()
  async export(ctx: HttpContext, exportStatement: ExportStatement) {
    await ctx.bouncer.with(AccountPolicy).authorize('export')
    const { page: _page, ...filters } = await statementQueryValidator.validate(ctx.request.qs())
    const { filename, csv } = await exportStatement.handle({
      accountId: Number(ctx.params.id),
      filters,
      staff: ctx.auth.use('web').getUserOrFail(),
      context: auditContext(ctx),
    })
    ctx.response.header('content-type', 'text/csv; charset=utf-8')
    ctx.response.header('content-disposition', `attachment; filename="${filename}"`)
    return ctx.response.send(csv)
  }
}

/** The URLs of backoffice/accounts/show (the page types its `urls` prop with this) */
export type AccountPageUrls = ReturnType<typeof accountUrls>

function accountUrls(id: number, customerId: number | null) {
  return {
    self: url('backoffice.accounts.show', { id }),
    export: url('backoffice.accounts.export', { id }),
    freeze: url('backoffice.accounts.freeze', { id }),
    unfreeze: url('backoffice.accounts.unfreeze', { id }),
    close: url('backoffice.accounts.close', { id }),
    adjust: url('backoffice.adjustments.create'),
    customer: customerId ? url('backoffice.customers.show', { id: customerId }) : null,
  }
}
