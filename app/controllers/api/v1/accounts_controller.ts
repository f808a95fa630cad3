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
import AccountNotFoundException from '#exceptions/account_not_found_exception'

/** The signed-in customer's own accounts (ownership by query scoping) */
@inject()
export default class AccountsController {
  constructor(
    private accounts: CustomerAccountQueries,
    private ledger: LedgerQueries
  ) {}

  async index({ auth, request }: HttpContext) {
    const customer = auth.use('api').getUserOrFail()
    const { limit = 25, cursor } = await request.validateUsing(listAccountsValidator, { data: request.qs() })
    const page = await this.accounts.page(customer.id, { limit, afterId: decodeCursor('a', cursor) })
    const last = page.data[page.data.length - 1]
    const next = page.hasMore
      ? urlFor('api.v1.accounts.index', {}, { qs: { limit, cursor: encodeCursor('a', last.id) } })
      : null
    return { data: page.data.map((a) => new ApiAccountTransformer(a).toObject()), links: { next } }
  }

  async show({ auth, params }: HttpContext) {
    const account = await this.accounts.findOwned(auth.use('api').getUserOrFail().id, params.id)
    return { data: new ApiAccountTransformer(account).toObject() }
  }

  async balances({ auth, params }: HttpContext) {
    const account = await this.accounts.findOwned(auth.use('api').getUserOrFail().id, params.id)
    const balances = await this.ledger.balances(account.id)
    if (!balances) throw new AccountNotFoundException()
    return { data: new BalanceTransformer({ accountId: account.id, ...balances }).toObject() }
  }
}
