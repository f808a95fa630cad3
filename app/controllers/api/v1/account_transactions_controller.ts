import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import CustomerAccountQueries from '#queries/accounts/customer_account_queries'
import LedgerQueries from '#queries/ledger/ledger_queries'
import AccountEntryTransformer from '#transformers/account_entry_transformer'
import { listTransactionsValidator } from '#validators/account'
import { encodeCursor } from '#domain/api/cursor'
import { decodeCursor } from '#validators/cursor'

/** Booked entries of one of the customer's accounts, newest first */
@inject()
export default class AccountTransactionsController {
  constructor(
    private accounts: CustomerAccountQueries,
    private ledger: LedgerQueries
  ) {}

  async index({ auth, params, request }: HttpContext) {
    const account = await this.accounts.findOwned(auth.use('api').getUserOrFail().id, params.id)
    const query = await request.validateUsing(listTransactionsValidator, { data: request.qs() })
    const limit = query.limit ?? 25
    const page = await this.ledger.listAccountEntries(account.id, {
      limit,
      cursor: decodeCursor('e', query.cursor),
      from: query.bookedFrom ? utcDay(query.bookedFrom) : null,
      to: query.bookedTo ? utcDay(query.bookedTo).plus({ days: 1 }) : null,
    })
    const qs: Record<string, string | number> = { limit }
    if (query.bookedFrom) qs.bookedFrom = query.bookedFrom
    if (query.bookedTo) qs.bookedTo = query.bookedTo
    const next = page.nextCursor
      ? urlFor('api.v1.accounts.transactions.index', { id: account.id }, {
          qs: { ...qs, cursor: encodeCursor('e', page.nextCursor) },
        })
      : null
    return { data: page.data.map((e) => new AccountEntryTransformer(e).toObject()), links: { next } }
  }
}

/** bookedFrom/bookedTo are calendar days in UTC (bookedTo inclusive) */
function utcDay(value: string): DateTime {
  return DateTime.fromISO(value, { zone: 'utc' }).startOf('day')
}
