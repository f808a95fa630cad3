import { useState, type FormEvent } from 'react'
import { Head, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import Pagination, { type PaginationMeta } from '~/components/pagination'
import { type Amount, formatAmount } from '~/components/money'
import type { PageProps } from '~/types'

interface AccountRow {
  id: number
  number: string
  name: string
  kind: string
  currency: string
  status: string
  balance: Amount
  available: Amount
}

interface CustomerRow {
  id: number
  customerNumber: string
  fullName: string
  email: string
  kycStatus: string
  status: string
  accounts: AccountRow[]
}

type Props = PageProps<{
  customers: { data: CustomerRow[]; metadata: PaginationMeta }
  filters: { q: string; perPage: number }
  can: { viewDashboard: boolean }
}>

const KYC_BADGE: Record<string, string> = {
  verified: 'badge-success',
  pending: 'badge-warning',
  rejected: 'badge-danger',
}

export default function Dashboard({ customers, filters, nav }: Props) {
  const [q, setQ] = useState(filters.q)

  const search = (event: FormEvent) => {
    event.preventDefault()
    router.get(nav.home, q ? { q, perPage: filters.perPage } : { perPage: filters.perPage }, {
      preserveState: true,
      replace: true,
    })
  }

  return (
    <BackofficeLayout>
      <Head title="Customers & accounts" />
      <div className="page-header">
        <div>
          <h1>Customers &amp; accounts</h1>
          <p>Balances are ledger balances; available includes holds and overdrafts.</p>
        </div>
      </div>
      <section className="card">
        <form className="toolbar" onSubmit={search} role="search">
          <input
            className="input"
            type="search"
            name="q"
            placeholder="Search name, email, customer or account number"
            aria-label="Search customers"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="btn">
            Search
          </button>
          <span className="meta">
            {customers.metadata.total} {customers.metadata.total === 1 ? 'customer' : 'customers'}
          </span>
        </form>
        {customers.data.length === 0 ? (
          <div className="empty">No customers match this search.</div>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Customer</th>
                <th>KYC</th>
                <th>Accounts</th>
              </tr>
            </thead>
            <tbody>
              {customers.data.map((customer) => (
                <tr key={customer.id}>
                  <td>
                    <div className="customer-name">{customer.fullName}</div>
                    <div className="subtle">
                      <span className="mono">{customer.customerNumber}</span> · {customer.email}
                    </div>
                  </td>
                  <td>
                    <span className={`badge ${KYC_BADGE[customer.kycStatus] ?? ''}`}>
                      {customer.kycStatus}
                    </span>
                  </td>
                  <td>
                    {customer.accounts.length === 0 ? (
                      <span className="subtle">No accounts</span>
                    ) : (
                      <ul className="accounts">
                        {customer.accounts.map((account) => (
                          <li key={account.id}>
                            <span className="mono">{account.number}</span>
                            <span>
                              {account.name}{' '}
                              {account.status !== 'active' && (
                                <span className="badge badge-danger">{account.status}</span>
                              )}
                            </span>
                            <span className="num" title={`Available ${formatAmount(account.available)}`}>
                              {formatAmount(account.balance)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination
          meta={customers.metadata}
          baseUrl={nav.home}
          query={{ q: filters.q, perPage: filters.perPage }}
          noun={['customer', 'customers']}
        />
      </section>
    </BackofficeLayout>
  )
}
