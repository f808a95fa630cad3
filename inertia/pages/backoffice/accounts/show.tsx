import { useState, type FormEvent } from 'react'
import { Head, Link, router, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column, queryString } from '~/components/data_table'
import Pagination from '~/components/pagination'
import StatusBadge from '~/components/status_badge'
import ConfirmDialog from '~/components/confirm_dialog'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import { type Amount, formatAmount } from '~/components/money'
import type { PageProps, Paginated } from '~/types'

interface Line {
  entryId: number
  transactionId: number
  kind: string
  direction: 'debit' | 'credit'
  debit: Amount | null
  credit: Amount | null
  runningBalance: Amount
  reference: string | null
  description: string | null
  reversesId: number | null
  reversedById: number | null
  bookedAt: string
  transactionUrl: string
}

type Props = PageProps<{
  account: {
    id: number
    number: string
    name: string
    kind: string
    currency: string
    status: 'active' | 'frozen' | 'closed'
    statusReason: string | null
    balance: Amount
    available: Amount
    overdraftLimit: Amount
    customer: { id: number; customerNumber: string; fullName: string } | null
  }
  entries: Paginated<Line>
  filters: { from: string; to: string; direction: string }
  urls: {
    self: string; export: string; freeze: string; unfreeze: string; close: string; adjust: string
    customer: string | null
  }
  can: { export: boolean; freeze: boolean; close: boolean; adjust: boolean }
}>

type StatusAction = 'freeze' | 'unfreeze' | 'close'
const ACTION_LABEL: Record<StatusAction, string> = { freeze: 'Freeze', unfreeze: 'Unfreeze', close: 'Close account' }

const COLUMNS: Column<Line>[] = [
  { key: 'date', label: 'Booked (UTC)', render: (l) => l.bookedAt.slice(0, 19).replace('T', ' ') },
  {
    key: 'description',
    label: 'Description / reference',
    render: (l) => (
      <>
        <Link href={l.transactionUrl}>
          #{l.transactionId} {l.kind}
        </Link>
        {l.reversedById && <> <StatusBadge status="rejected" label="reversed" /></>}
        <div className="subtle">{[l.reference, l.description].filter(Boolean).join(' · ') || '—'}</div>
      </>
    ),
  },
  { key: 'debit', label: 'Debit', align: 'right', render: (l) => (l.debit ? formatAmount(l.debit) : '') },
  { key: 'credit', label: 'Credit', align: 'right', render: (l) => (l.credit ? formatAmount(l.credit) : '') },
  { key: 'balance', label: 'Balance', align: 'right', render: (l) => formatAmount(l.runningBalance) },
]

export default function AccountShow({ account, entries, filters, urls, can, errors }: Props) {
  const [query, setQuery] = useState(filters)
  const [pending, setPending] = useState<StatusAction | null>(null)
  const form = useForm({ reason: '' })

  const filter = (event: FormEvent) => {
    event.preventDefault()
    router.get(`${urls.self}${queryString(query)}`, {}, { preserveState: true })
  }
  const submitStatus = () => {
    if (!pending) return
    form.post(urls[pending], { onFinish: () => setPending(null), onSuccess: () => form.reset() })
  }
  const activeFilters = { from: filters.from, to: filters.to, direction: filters.direction }

  return (
    <BackofficeLayout>
      <Head title={`Account ${account.number}`} />
      <PageHeader
        title={`${account.name} ${account.number}`}
        description={
          account.customer && urls.customer ? (
            <>
              Held by <Link href={urls.customer}>{account.customer.fullName}</Link>{' '}
              <span className="mono">{account.customer.customerNumber}</span>
            </>
          ) : undefined
        }
        actions={
          <>
            {can.export && (
              <a className="btn btn-secondary" href={`${urls.export}${queryString(activeFilters)}`}>
                Export CSV
              </a>
            )}
            {can.adjust && account.status !== 'closed' && (
              <Link className="btn btn-secondary" href={`${urls.adjust}${queryString({ account: account.number })}`}>
                Adjustment
              </Link>
            )}
            {can.freeze && account.status === 'active' && (
              <button className="btn btn-secondary" onClick={() => setPending('freeze')}>Freeze</button>
            )}
            {can.freeze && account.status === 'frozen' && (
              <button className="btn btn-secondary" onClick={() => setPending('unfreeze')}>Unfreeze</button>
            )}
            {can.close && account.status !== 'closed' && (
              <button className="btn btn-danger" onClick={() => setPending('close')}>Close</button>
            )}
          </>
        }
      />

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

      <section className="card">
        <div className="card-header"><h2>Statement</h2></div>
        <form className="filters" onSubmit={filter} aria-label="Filter the statement">
          <TextField label="From" name="from" type="date" value={query.from}
            onChange={(e) => setQuery({ ...query, from: e.target.value })} error={errors.from} />
          <TextField label="To" name="to" type="date" value={query.to}
            onChange={(e) => setQuery({ ...query, to: e.target.value })} error={errors.to} />
          <SelectField label="Direction" name="direction" value={query.direction}
            onChange={(e) => setQuery({ ...query, direction: e.target.value })}
            options={[{ value: '', label: 'All' }, { value: 'credit', label: 'Credits' }, { value: 'debit', label: 'Debits' }]} />
          <button type="submit" className="btn">Filter</button>
        </form>
        <DataTable columns={COLUMNS} rows={entries.data} rowKey={(l) => l.entryId}
          empty="No entries in this period." caption="Statement entries, newest first" />
        <Pagination meta={entries.metadata} baseUrl={urls.self} query={activeFilters} noun={['entry', 'entries']} />
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${ACTION_LABEL[pending]} ${account.number}?` : ''}
        confirmLabel={pending ? ACTION_LABEL[pending] : ''}
        danger={pending === 'close' || pending === 'freeze'}
        processing={form.processing}
        onConfirm={submitStatus}
        onCancel={() => setPending(null)}
      >
        {pending === 'close' && <p>Only possible at a zero balance with no active holds.</p>}
        {pending === 'freeze' && <p>Debits will be refused; credits still land.</p>}
        <TextAreaField label="Reason (audited)" name="reason" required value={form.data.reason}
          onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
      </ConfirmDialog>
    </BackofficeLayout>
  )
}
