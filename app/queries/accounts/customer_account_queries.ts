import Account from '#models/account'
import { parseId } from '#domain/api/cursor'
import type { AccountAccess } from '#domain/api/account_access'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import { DEPOSIT_ACCOUNT_KINDS } from '#domain/ledger/account_kinds'

/**
 * Accounts as a customer (or a partner under the customer's consent)
 * sees them: every read is scoped to the customer's own non-internal
 * accounts, and to the consent's accounts for a partner (ownership by
 * query, deny by default). Another customer's account, an account outside
 * the consent and a malformed id all give E_ACCOUNT_NOT_FOUND, so
 * existence never leaks.
 */
export default class CustomerAccountQueries {
  visibleTo(access: AccountAccess) {
    const query = Account.query().where('customer_id', access.customerId).whereIn('kind', [...DEPOSIT_ACCOUNT_KINDS])
    if (access.accountIds !== null) query.whereIn('id', access.accountIds)
    return query
  }

  async findVisible(access: AccountAccess, rawId: unknown): Promise<Account> {
    const id = parseId(rawId)
    const account = id === null ? null : await this.visibleTo(access).where('id', id).first()
    if (!account) throw new AccountNotFoundException()
    return account
  }

  /** One page (ascending id) and whether more follow */
  async page(access: AccountAccess, options: { limit: number; afterId: number | null }) {
    const query = this.visibleTo(access).orderBy('id', 'asc').limit(options.limit + 1)
    if (options.afterId !== null) query.where('id', '>', options.afterId)
    const rows = await query
    return { data: rows.slice(0, options.limit), hasMore: rows.length > options.limit }
  }
}
