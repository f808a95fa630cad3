import { inject } from '@adonisjs/core'
import Account from '#models/account'
import Customer from '#models/customer'
import AccountStatementQueries, { type StatementFilters } from '#queries/accounts/account_statement_queries'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import { onReadReplica } from '#services/database/read_replica'

export interface LoadStatementInput {
  accountId: number
  filters: StatementFilters
  page: number
  perPage: number
}

/**
 * A customer account, its owner and one page of its filtered statement.
 * The owner is read by id (Account has no relation back to Customer, so
 * the two models do not import each other).
 *
 * The account and its owner come from the primary (a page opened right
 * after the account was, the balance as it is now); the statement lines,
 * the heavy part, from the read replica when there is one: they may lag
 * the header by the replication delay.
 */
@inject()
export default class LoadStatement {
  constructor(private statements: AccountStatementQueries) {}

  async handle(input: LoadStatementInput) {
    const account = await Account.find(input.accountId)
    if (!account || account.kind === 'internal') throw new AccountNotFoundException()
    const owner = account.customerId === null ? null : await Customer.find(account.customerId)
    const { lines, total } = await onReadReplica((client) =>
      this.statements.page(account.id, input.filters, input.page, input.perPage, client)
    )
    const meta = {
      total,
      perPage: input.perPage,
      currentPage: input.page,
      lastPage: Math.max(1, Math.ceil(total / input.perPage)),
    }
    return { account, owner, lines, meta }
  }
}
