import { inject } from '@adonisjs/core'
import Account from '#models/account'
import AccountStatementQueries, { type StatementFilters } from '#queries/accounts/account_statement_queries'
import AccountNotFoundException from '#exceptions/account_not_found_exception'

export interface LoadStatementInput {
  accountId: number
  filters: StatementFilters
  page: number
  perPage: number
}

/** A customer account with its owner and one page of its filtered statement */
@inject()
export default class LoadStatement {
  constructor(private statements: AccountStatementQueries) {}

  async handle(input: LoadStatementInput) {
    const account = await Account.query().where('id', input.accountId).preload('customer').first()
    if (!account || account.kind === 'internal') throw new AccountNotFoundException()
    const { lines, total } = await this.statements.page(account.id, input.filters, input.page, input.perPage)
    const meta = {
      total,
      perPage: input.perPage,
      currentPage: input.page,
      lastPage: Math.max(1, Math.ceil(total / input.perPage)),
    }
    return { account, lines, meta }
  }
}
