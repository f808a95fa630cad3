import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CustomerAccountQueries from '#queries/accounts/customer_account_queries'
import LedgerQueries from '#queries/ledger/ledger_queries'
import ApiAccountTransformer from '#transformers/api_account_transformer'
import BalanceTransformer from '#transformers/balance_transformer'
import { listAccountsValidator } from '#validators/account'
import { encodeCursor } from '#domain/api/cursor'
import { decodeCursor } from '#validators/cursor'
import { accountAccess } from '#controllers/api/v1/account_access'
import AccountNotFoundException from '#exceptions/account_not_found_exception'

/**
 * The customer's own accounts, or those a consent shares with a partner
 * (ownership and consent by query scoping: #controllers/api/v1/account_access)
 */
@inject()
export default class AccountsController {
  constructor(
    private accounts: CustomerAccountQueries,
    private ledger: LedgerQueries
  ) {}

  async index(ctx: HttpContext) {
    const access = accountAccess(ctx, 'accounts')
    const { limit = 25, cursor } = await ctx.request.validateUsing(listAccountsValidator, { data: ctx.request.qs() })
    const page = await this.accounts.page(access, { limit, afterId: decodeCursor('a', cursor) })
    const last = page.data[page.data.length - 1]
    const next = page.hasMore
      ? urlFor('api.v1.accounts.index', {}, { qs: { limit, cursor: encodeCursor('a', last.id) } })
      : null
    const data = page.data.map((a) => new ApiAccountTransformer(a).toObject(access.grant.accountDetail))
    return { data, links: { next } }
  }

  async show(ctx: HttpContext) {
    const access = accountAccess(ctx, 'accounts')
    const account = await this.accounts.findVisible(access, ctx.params.id)
    return { data: new ApiAccountTransformer(account).toObject(access.grant.accountDetail) }
  }

  async balances(ctx: HttpContext) {
    const account = await this.accounts.findVisible(accountAccess(ctx, 'balances'), ctx.params.id)
    const balances = await this.ledger.balances(account.id)
    if (!balances) throw new AccountNotFoundException()
    return { data: new BalanceTransformer({ accountId: account.id, ...balances }).toObject() }
  }
}
