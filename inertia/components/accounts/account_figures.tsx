import StatusBadge from '~/components/status_badge'
import { formatAmount } from '~/components/money'
import type { Data } from '~/types'

/** The four figures at the top of a statement: status, balance, available, overdraft limit */
export default function AccountFigures({ account }: { account: Data.AccountHeader }) {
  return (
    <section className="grid grid-4">
      <div className="card stat">
        <div className="stat-label">Status</div>
        <div className="stat-value"><StatusBadge status={account.status} /></div>
        {account.statusReason && <div className="stat-sub">{account.statusReason}</div>}
      </div>
      <div className="card stat">
        <div className="stat-label">Balance</div>
        <div className="stat-value">{formatAmount(account.balance)}</div>
        <div className="stat-sub">{account.kind} · {account.currency}</div>
      </div>
      <div className="card stat">
        <div className="stat-label">Available</div>
        <div className="stat-value">{formatAmount(account.available)}</div>
        <div className="stat-sub">after holds</div>
      </div>
      <div className="card stat">
        <div className="stat-label">Overdraft limit</div>
        <div className="stat-value">{formatAmount(account.overdraftLimit)}</div>
      </div>
    </section>
  )
}
