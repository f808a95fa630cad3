import Customer from '#models/customer'

export interface CustomerDirectoryQuery {
  q?: string
  page: number
  perPage: number
}

/** Escapes LIKE wildcards so that a search is always literal */
const likeLiteral = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Customers with their (non-internal) accounts for the backoffice, newest
 * name order, searched by name, email, customer number or account number,
 * paginated in the database.
 */
export default class ListCustomerDirectory {
  async handle({ q, page, perPage }: CustomerDirectoryQuery) {
    const query = Customer.query()
      .preload('accounts', (accounts) => accounts.whereNot('kind', 'internal').orderBy('id'))
      .orderByRaw('lower(full_name) asc, id asc')

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
