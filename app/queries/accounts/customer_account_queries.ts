import Account from '#models/account'
import { parseId } from '#domain/api/cursor'
import AccountNotFoundException from '#exceptions/account_not_found_exception'

/**
 * Accounts as a customer sees them: every read is scoped to the
 * customer's own non-internal accounts (ownership by query, deny by
 * default). Another customer's account and a malformed id both give
 * E_ACCOUNT_NOT_FOUND, so existence never leaks.
 */
export default class CustomerAccountQueries {
  ownedBy(customerId: number) {
    return Account.query().where('customer_id', customerId).whereNot('kind', 'internal')
  }

  async findOwned(customerId: number, rawId: unknown): Promise<Account> {
    const id = parseId(rawId)
    const account = id === null ? null : await this.ownedBy(customerId).where('id', id).first()
    if (!account) throw new AccountNotFoundException()
    return account
  }

  /** One page (ascending id) and whether more follow */
  async page(customerId: number, options: { limit: number; afterId: number | null }) {
    const query = this.ownedBy(customerId).orderBy('id', 'asc').limit(options.limit + 1)
    if (options.afterId !== null) query.where('id', '>', options.afterId)
    const rows = await query
    return { data: rows.slice(0, options.limit), hasMore: rows.length > options.limit }
  }
}
