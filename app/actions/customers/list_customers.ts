import type { Infer } from '@vinejs/vine/types'
import Customer from '#models/customer'
import type { listCustomersValidator } from '#validators/customer'
import { DEPOSIT_ACCOUNT_KINDS } from '#domain/ledger/account_kinds'
import { blindIndex, nameIndexes } from '#services/keys/blind_index'

export type CustomerListQuery = Infer<typeof listCustomersValidator> & { page: number; perPage: number }

/** Escapes LIKE wildcards so that a search is always literal */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

const SORT_SQL = {
  created: 'created_at',
  number: 'customer_number',
} as const

/** What a national id looks like (a search term that could be one is also looked up as one) */
const NATIONAL_ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9 -]{2,38}[A-Za-z0-9]$/

/**
 * The backoffice customer directory. Names and emails are sealed
 * (ARCHITECTURE §8), so a search matches:
 * - a customer number by prefix, an account number by substring (plain columns);
 * - an email exactly (case-insensitive), through its blind index;
 * - a national id exactly (spaces and dashes ignored), through its blind index;
 * - a name by whole words, every word of the search in the name, in any
 *   order (`name_index @> array[…]`, one blind index per word).
 * Rows not yet sealed (before `node ace pii:encrypt`) are matched on their
 * plaintext columns. Sorting by name is impossible in SQL on sealed names:
 * the list sorts by customer number or creation date (a stable id
 * tie-break keeps pages disjoint).
 */
export default class ListCustomers {
  async handle({ q, kyc, sort = 'number', direction = 'asc', page, perPage }: CustomerListQuery) {
    const dir = direction === 'desc' ? 'desc' : 'asc'
    const query = Customer.query()
      .preload('accounts', (accounts) => accounts.whereIn('kind', [...DEPOSIT_ACCOUNT_KINDS]).orderBy('id'))
      .orderByRaw(`${SORT_SQL[sort] ?? SORT_SQL.number} ${dir}, id ${dir}`)

    if (kyc) query.where('kyc_status', kyc)
    const term = q?.trim().toLowerCase()
    if (term) {
      const email = term.includes('@') ? await blindIndex('email', term) : null
      const nationalId = NATIONAL_ID_LIKE.test(term) ? await blindIndex('national_id', term) : null
      const names = term.includes('@') ? [] : await nameIndexes(term)
      const literal = escapeLike(term)
      query.where((where) => {
        where
          .whereRaw('lower(customer_number) like ?', [`${literal}%`])
          .orWhereExists((sub) => {
            sub
              .from('accounts')
              .whereColumn('accounts.customer_id', 'customers.id')
              .whereRaw('lower(accounts.number) like ?', [`%${literal}%`])
          })
        if (email) where.orWhere('email_index', email)
        if (nationalId) where.orWhere('national_id_index', nationalId)
        if (names.length > 0) where.orWhereRaw(`name_index @> array[${names.map(() => '?').join(', ')}]::text[]`, names)
        where.orWhere((legacy) => {
          legacy
            .whereNull('personal_data')
            .where((plain) => plain.whereRaw('lower(full_name) like ?', [`%${literal}%`]).orWhereRaw('lower(email) = ?', [term]))
        })
      })
    }
    return query.paginate(page, perPage)
  }
}
