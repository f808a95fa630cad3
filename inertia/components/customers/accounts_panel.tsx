import { Link } from '@inertiajs/react'
import DataTable, { type Column } from '~/components/data_table'
import StatusBadge from '~/components/status_badge'
import { formatAmount } from '~/components/money'
import OpenAccountForm from '~/components/accounts/open_account_form'
import type { Data } from '~/types'

const COLUMNS: Column<Data.CustomerAccount>[] = [
  { key: 'number', label: 'Number', render: (a) => (a.url ? <Link href={a.url} className="mono">{a.number}</Link> : <span className="mono">{a.number}</span>) },
  { key: 'name', label: 'Account', render: (a) => `${a.name} (${a.kind})` },
  { key: 'status', label: 'Status', render: (a) => <StatusBadge status={a.status} /> },
  { key: 'balance', label: 'Balance', align: 'right', render: (a) => formatAmount(a.balance) },
  { key: 'available', label: 'Available', align: 'right', render: (a) => formatAmount(a.available) },
]

/** A customer's accounts (links to their statements) and, for the roles that may, "Open account" */
export default function AccountsPanel({ accounts, customerId, openAccountUrl }: {
  accounts: Data.CustomerAccount[]
  customerId: number
  /** null: this role may not open accounts (or the route does not exist) */
  openAccountUrl: string | null
}) {
  return (
    <section className="card" aria-labelledby="accounts-title">
      <div className="card-header">
        <h2 id="accounts-title">Accounts</h2>
        {openAccountUrl && <OpenAccountForm customerId={customerId} action={openAccountUrl} />}
      </div>
      <DataTable columns={COLUMNS} rows={accounts} rowKey={(a) => a.id} empty="No accounts yet." caption="Accounts" />
    </section>
  )
}
