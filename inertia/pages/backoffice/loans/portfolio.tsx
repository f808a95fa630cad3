import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import BarChart from '~/components/bar_chart'
import DataTable, { queryString, type Column } from '~/components/data_table'
import StatusBadge from '~/components/status_badge'
import { formatAmount } from '~/components/money'
import type PortfolioQueries from '#queries/loans/portfolio_queries'
import type { Amount } from '#queries/loans/portfolio_queries'
import type { InertiaProps, Serialized } from '~/types'

/** What a PortfolioQueries method returns, as the page receives it */
type Figures<Query extends keyof PortfolioQueries> = Serialized<Awaited<ReturnType<PortfolioQueries[Query]>>>
type Overdue = Figures<'topOverdue'>[number] & { url: string }
type Series = Figures<'flows'>[number]
type ArrearsRow = { key: string; bucket: string; line: Figures<'arrearsByBucket'>[number]['byCurrency'][number] | null }

type Props = InertiaProps<{
  asOf: string
  totals: Figures<'totalsByCurrency'>
  products: Figures<'outstandingByProduct'>
  statuses: Figures<'countsByStatus'>
  arrears: Figures<'arrearsByBucket'>
  flows: { granularity: 'month' | 'day'; periods: number; series: Series[] }
  topOverdue: Overdue[]
  urls: { self: string; csv: string; loans: string | null }
  can: { export: boolean }
}>

const words = (status: string) => status.replaceAll('_', ' ')
const dash = '—'

/** Per currency, the open book: never one figure across currencies */
function TotalsRow({ totals }: { totals: Props['totals'] }) {
  if (totals.length === 0) return <section className="card stat"><div className="stat-sub">No loan is on the books yet.</div></section>
  return (
    <div className="grid grid-3 dashboard-row">
      {totals.map((t) => (
        <section key={t.currency} className="card stat" aria-label={`Portfolio in ${t.currency}`}>
          <div className="stat-label">Outstanding principal, {t.currency}</div>
          <div className="stat-value num">{formatAmount(t.outstanding)}</div>
          <ul className="stat-list">
            <li className="stat-sub">{t.loans} open {t.loans === 1 ? 'loan' : 'loans'}</li>
            <li className="stat-sub">
              Past due: {t.pastDueLoans} · <span className="num">{formatAmount(t.pastDueOutstanding)}</span> outstanding
            </li>
            <li className="stat-sub">Overdue: <span className="num">{formatAmount(t.overdue)}</span></li>
          </ul>
        </section>
      ))}
    </div>
  )
}

/** Bars sized by the decimal amount (scale only, never arithmetic); the exact amount in the tooltip and hidden table */
function FlowCharts({ series, granularity, periods }: { series: Series; granularity: 'month' | 'day'; periods: number }) {
  const label = (period: string) => (granularity === 'month' ? period.slice(0, 7) : period)
  const chart = (title: string, pick: (p: Series['points'][number]) => Amount) => {
    const exact = new Map(series.points.map((p) => [label(p.period), pick(p)]))
    return (
      <BarChart
        title={title}
        points={series.points.map((p) => ({ label: label(p.period), value: Math.max(0, Number(pick(p).amount)) }))}
        format={(value) => {
          const found = [...exact.values()].find((a) => Math.max(0, Number(a.amount)) === value)
          return found ? formatAmount(found) : String(value)
        }}
      />
    )
  }
  const span = `${periods} ${granularity === 'month' ? 'months' : 'days'}`
  return (
    <div className="grid grid-2 dashboard-row">
      <section className="card">{chart(`Disbursed per ${granularity}, ${series.currency} (${span})`, (p) => p.disbursed)}</section>
      <section className="card">{chart(`Collected per ${granularity}, ${series.currency} (${span})`, (p) => p.collected)}</section>
    </div>
  )
}

/** The loan portfolio: the book per currency, by product, status and arrears bucket, money out and in, the longest overdue */
export default function LoanPortfolio({ asOf, totals, products, statuses, arrears, flows, topOverdue, urls, can }: Props) {
  const productColumns: Column<Props['products'][number]>[] = [
    { key: 'name', label: 'Product', render: (p) => <>{p.name} <span className="mono subtle">{p.code}</span></> },
    { key: 'currency', label: 'Currency', render: (p) => p.currency },
    { key: 'loans', label: 'Open loans', align: 'right', render: (p) => p.loans },
    { key: 'principal', label: 'Lent', align: 'right', render: (p) => formatAmount(p.principal) },
    { key: 'outstanding', label: 'Outstanding', align: 'right', render: (p) => formatAmount(p.outstanding) },
  ]
  /* one row per bucket and currency; an empty bucket still shows */
  const arrearsRows: ArrearsRow[] = arrears.flatMap((a): ArrearsRow[] =>
    a.byCurrency.length === 0
      ? [{ key: a.bucket.code, bucket: a.bucket.code, line: null }]
      : a.byCurrency.map((line) => ({ key: `${a.bucket.code}-${line.currency}`, bucket: a.bucket.code, line }))
  )
  const arrearsColumns: Column<ArrearsRow>[] = [
    { key: 'bucket', label: 'Days past due', render: (r) => <span className="nowrap">{r.bucket}</span> },
    { key: 'loans', label: 'Loans', align: 'right', render: (r) => r.line?.loans ?? 0 },
    { key: 'outstanding', label: 'Outstanding', align: 'right', render: (r) => (r.line ? formatAmount(r.line.outstanding) : dash) },
    { key: 'overdue', label: 'Overdue', align: 'right', render: (r) => (r.line ? formatAmount(r.line.overdue) : dash) },
  ]
  const overdueColumns: Column<Overdue>[] = [
    { key: 'id', label: 'Loan', render: (l) => <Link href={l.url}>#{l.id}</Link> },
    { key: 'customer', label: 'Customer', render: (l) => <>{l.customerName} <span className="mono subtle">{l.customerNumber}</span></> },
    { key: 'product', label: 'Product', render: (l) => l.productName },
    { key: 'days', label: 'Days past due', align: 'right', render: (l) => l.daysPastDue },
    { key: 'bucket', label: 'Bucket', render: (l) => l.bucket ?? dash },
    { key: 'overdue', label: 'Overdue', align: 'right', render: (l) => formatAmount(l.overdue) },
    { key: 'outstanding', label: 'Outstanding', align: 'right', render: (l) => formatAmount(l.outstanding) },
    { key: 'status', label: 'Status', render: (l) => <StatusBadge status={l.status} label={words(l.status)} /> },
  ]
  const other = flows.granularity === 'month' ? { granularity: 'day', label: 'By day (30 days)' } : { granularity: 'month', label: 'By month (12 months)' }

  return (
    <BackofficeLayout>
      <Head title="Loan portfolio" />
      <PageHeader
        title="Loan portfolio"
        description={`Open loans per currency, by product, status and days past due, as of ${asOf} (UTC).`}
        actions={
          <>
            {urls.loans && <Link className="btn btn-secondary" href={urls.loans}>Loans</Link>}
            {can.export && <a className="btn btn-secondary" href={urls.csv} download>Export loans (CSV)</a>}
          </>
        }
      />
      <TotalsRow totals={totals} />
      <section className="card dashboard-row">
        <div className="card-header"><h2>Outstanding principal by product</h2></div>
        <DataTable columns={productColumns} rows={products} rowKey={(p) => `${p.productId}-${p.currency}`} empty="No open loan." />
      </section>
      <div className="grid grid-2 dashboard-row">
        <section className="card">
          <div className="card-header"><h2>Loans by status</h2></div>
          <table className="table">
            <tbody>
              {Object.entries(statuses).map(([status, count]) => (
                <tr key={status}>
                  <th scope="row"><StatusBadge status={status} label={words(status)} /></th>
                  <td className="num">{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <div className="card-header"><h2>Arrears by delinquency bucket</h2></div>
          <DataTable columns={arrearsColumns} rows={arrearsRows} rowKey={(r) => r.key} />
        </section>
      </div>
      <section className="card dashboard-row">
        <div className="card-header">
          <h2>Disbursed and collected</h2>
          <Link className="btn btn-small btn-secondary" href={`${urls.self}${queryString({ granularity: other.granularity })}`}>{other.label}</Link>
        </div>
        {flows.series.length === 0 && <p className="stat">Nothing was disbursed or collected in this window.</p>}
      </section>
      {flows.series.map((series) => (
        <FlowCharts key={series.currency} series={series} granularity={flows.granularity} periods={flows.periods} />
      ))}
      <section className="card dashboard-row">
        <div className="card-header"><h2>Longest overdue</h2></div>
        <DataTable columns={overdueColumns} rows={topOverdue} rowKey={(l) => l.id} empty="No loan is past due." />
      </section>
    </BackofficeLayout>
  )
}
