import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import BarChart from '~/components/bar_chart'
import { formatAmount } from '~/components/money'
import type DashboardQueries from '#queries/dashboard/dashboard_queries'
import type { InertiaProps, Serialized } from '~/types'

/** What a DashboardQueries method returns, as the page receives it */
type Figures<Query extends keyof DashboardQueries> = Serialized<Awaited<ReturnType<DashboardQueries[Query]>>>

type Volume = Figures<'todayVolumes'>['deposit'][number]
type Point = Figures<'dailyTransactions'>[number]

type Props = InertiaProps<{
  today: { date: string } & Figures<'todayVolumes'> & Figures<'counters'>
  charts: {
    transactions: Figures<'dailyTransactions'>
    customers: Figures<'dailyNewCustomers'>
    deposits: { currency: string; points: Figures<'dailyDepositVolume'> }
  }
  /** null for a role that may not see the compliance queue */
  alerts: { open: Figures<'openAlertsBySeverity'>; trend: Figures<'dailyAlerts'>; url: string | null } | null
  urls: { approvals: string | null; customers: string | null }
  can: { viewDashboard: boolean; viewApprovals: boolean; viewCustomers: boolean }
}>

function VolumeCard({ title, volumes }: { title: string; volumes: Volume[] }) {
  const count = volumes.reduce((n, v) => n + v.count, 0)
  return (
    <section className="card stat">
      <div className="stat-label">{title}</div>
      <div className="stat-value">{count}</div>
      {volumes.length === 0 ? (
        <div className="stat-sub">None today</div>
      ) : (
        <ul className="stat-list">
          {volumes.map((v) => (
            <li key={v.currency} className="stat-sub">
              <span className="num">{formatAmount({ amount: v.amount, currency: v.currency })}</span> · {v.count} {v.count === 1 ? 'posting' : 'postings'}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function Counter({ label, value, href, linkLabel }: { label: string; value: number; href?: string | null; linkLabel?: string }) {
  return (
    <section className="card stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {href && linkLabel && (
        <Link className="stat-sub" href={href}>
          {linkLabel}
        </Link>
      )}
    </section>
  )
}

/** Open alerts by severity and alerts raised per day (the compliance queue at a glance) */
function AlertsRow({ alerts }: { alerts: NonNullable<Props['alerts']> }) {
  const open = alerts.open.critical + alerts.open.high + alerts.open.medium + alerts.open.low
  return (
    <div className="grid grid-3 dashboard-row">
      <section className="card stat" aria-label="Open alerts">
        <div className="stat-label">Open alerts</div>
        <div className="stat-value">{open}</div>
        <ul className="stat-list">
          {(['critical', 'high', 'medium', 'low'] as const).map((severity) => (
            <li key={severity} className="stat-sub">
              {severity}: <span className="num">{alerts.open[severity]}</span>
            </li>
          ))}
        </ul>
        {alerts.url && <Link className="stat-sub" href={alerts.url}>Open the queue</Link>}
      </section>
      <section className="card">
        <BarChart title="Alerts raised per day (14 days)" points={points(alerts.trend)} />
      </section>
    </div>
  )
}

const points = (series: Point[]) => series.map((p) => ({ label: p.day, value: p.value }))

/** Backoffice home: today's activity (UTC day) and the last 30 days */
export default function Dashboard({ today, charts, alerts, urls }: Props) {
  const depositLabels = new Map(charts.deposits.points.map((p) => [p.value, p.amount]))
  return (
    <BackofficeLayout>
      <Head title="Dashboard" />
      <PageHeader
        title="Dashboard"
        description={`Today (${today.date}, UTC): ledger postings, new customers and what needs attention.`}
        actions={urls.customers && <Link className="btn btn-secondary" href={urls.customers}>Customer directory</Link>}
      />
      <div className="grid grid-3 dashboard-row">
        <VolumeCard title="Deposits today" volumes={today.deposit} />
        <VolumeCard title="Withdrawals today" volumes={today.withdrawal} />
        <VolumeCard title="Transfers today" volumes={today.transfer} />
      </div>
      <div className="grid grid-3 dashboard-row">
        <Counter label="New customers today" value={today.newCustomersToday} href={urls.customers} linkLabel="Customer directory" />
        <Counter label="Pending approvals" value={today.pendingApprovals} href={urls.approvals} linkLabel="Open the inbox" />
        <Counter label="Frozen accounts" value={today.frozenAccounts} />
      </div>
      {alerts && <AlertsRow alerts={alerts} />}
      <div className="grid grid-3 dashboard-row">
        <section className="card">
          <BarChart title="Transactions per day (30 days)" points={points(charts.transactions)} />
        </section>
        <section className="card">
          <BarChart title="New customers per day (30 days)" points={points(charts.customers)} />
        </section>
        <section className="card">
          <BarChart
            title={`Deposits per day, ${charts.deposits.currency} (30 days)`}
            points={points(charts.deposits.points)}
            format={(value) => `${depositLabels.get(value) ?? value} ${charts.deposits.currency}`}
          />
        </section>
      </div>
    </BackofficeLayout>
  )
}
