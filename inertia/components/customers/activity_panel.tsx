import DataTable, { type Column } from '~/components/data_table'
import { formatAmount } from '~/components/money'
import type { Data } from '~/types'

const COLUMNS: Column<Data.CustomerActivity>[] = [
  { key: 'bookedAt', label: 'Booked', render: (e) => e.bookedAt.slice(0, 16).replace('T', ' ') },
  { key: 'account', label: 'Account', render: (e) => <span className="mono">{e.accountNumber}</span> },
  { key: 'kind', label: 'Type', render: (e) => e.kind.replaceAll('_', ' ') },
  { key: 'reference', label: 'Reference', render: (e) => e.reference ?? '' },
  {
    key: 'amount',
    label: 'Amount',
    align: 'right',
    render: (e) => `${e.direction === 'debit' ? '−' : '+'}${formatAmount(e.amount)}`,
  },
]

/** The latest ledger entries across a customer's accounts */
export default function ActivityPanel({ activity }: { activity: Data.CustomerActivity[] }) {
  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="card-header">
        <h2 id="activity-title">Recent activity</h2>
      </div>
      <DataTable columns={COLUMNS} rows={activity} rowKey={(e) => e.id} empty="No ledger activity yet." caption="Recent activity" />
    </section>
  )
}
