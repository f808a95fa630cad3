import type { Infer } from '@vinejs/vine/types'
import Customer from '#models/customer'
import type { listCustomersValidator } from '#validators/customer'
import { DEPOSIT_ACCOUNT_KINDS } from '#domain/ledger/account_kinds'

export type CustomerListQuery = Infer<typeof listCustomersValidator> & { page: number; perPage: number }

/** Escapes LIKE wildcards so that a search is always literal */
const likeLiteral = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const SORT_SQL = {
  name: 'lower(full_name)',
  created: 'created_at',
  number: 'customer_number',
} as const

/**
 * The backoffice customer directory: search by name, email, customer
 * number or account number, filter by KYC status, sort and paginate in
 * the database (a stable id tie-break keeps pages disjoint).
 */
export default class ListCustomers {
  async handle({ q, kyc, sort = 'name', direction = 'asc', page, perPage }: CustomerListQuery) {
    const dir = direction === 'desc' ? 'desc' : 'asc'
    const query = Customer.query()
      .preload('accounts', (accounts) => accounts.whereIn('kind', [...DEPOSIT_ACCOUNT_KINDS]).orderBy('id'))
      .orderByRaw(`${SORT_SQL[sort]} ${dir}, id ${dir}`)

    if (kyc) query.where('kyc_status', kyc)
    const term = q?.trim().toLowerCase()
    if (term) {
      const like = likeLiteral(term)
      query.where((where) => {
        where
          .whereRaw('lower(full_name) like ?', [like])
          .orWhereRaw('lower(email) like ?', [like])
          .orWhereRaw('lower(customer_number) like ?', [like])
          .orWhereExists((sub) => {
            sub
              .from('accounts')
              .whereColumn('accounts.customer_id', 'customers.id')
              .whereRaw('lower(accounts.number) like ?', [like])
          })
      })
    }
    return query.paginate(page, perPage)
  }
}
