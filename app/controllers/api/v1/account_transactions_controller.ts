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
import { accountAccess } from '#controllers/api/v1/account_access'
import { narrowWindow } from '#domain/api/account_access'

/**
 * Booked entries of one of the customer's accounts, newest first. A
 * partner sees the accounts, directions (credits, debits) and booking
 * window its consent grants, and without ReadTransactionsDetail no
 * reference or counterparty.
 */
@inject()
export default class AccountTransactionsController {
  constructor(
    private accounts: CustomerAccountQueries,
    private ledger: LedgerQueries
  ) {}

  async index(ctx: HttpContext) {
    const { params, request } = ctx
    const access = accountAccess(ctx, 'transactions')
    const account = await this.accounts.findVisible(access, params.id)
    const query = await request.validateUsing(listTransactionsValidator, { data: request.qs() })
    const limit = query.limit ?? 25
    const window = narrowWindow(access.window, {
      from: query.bookedFrom ? utcDay(query.bookedFrom).toJSDate() : null,
      to: query.bookedTo ? utcDay(query.bookedTo).plus({ days: 1 }).toJSDate() : null,
    })
    const page = await this.ledger.listAccountEntries(account.id, {
      limit,
      cursor: decodeCursor('e', query.cursor),
      from: window.from ? DateTime.fromJSDate(window.from) : null,
      to: window.to ? DateTime.fromJSDate(window.to) : null,
      directions: access.grant.directions,
    })
    const qs: Record<string, string | number> = { limit }
    if (query.bookedFrom) qs.bookedFrom = query.bookedFrom
    if (query.bookedTo) qs.bookedTo = query.bookedTo
    const next = page.nextCursor
      ? urlFor('api.v1.accounts.transactions.index', { id: account.id }, {
          qs: { ...qs, cursor: encodeCursor('e', page.nextCursor) },
        })
      : null
    const data = page.data.map((e) => new AccountEntryTransformer(e).toObject(access.grant.transactionDetail))
    return { data, links: { next } }
  }
}

/** bookedFrom/bookedTo are calendar days in UTC (bookedTo inclusive) */
function utcDay(value: string): DateTime {
  return DateTime.fromISO(value, { zone: 'utc' }).startOf('day')
}
