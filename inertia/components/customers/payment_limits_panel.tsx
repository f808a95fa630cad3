import { useForm } from '@inertiajs/react'
import DataTable, { type Column } from '~/components/data_table'
import { formatAmount } from '~/components/money'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import type { PaymentLimitRow as ServerRow } from '#actions/payments/show_payment_limits'
import type { Serialized } from '~/types'

type PaymentLimitRow = Serialized<ServerRow>

const columns: Column<PaymentLimitRow>[] = [
  { key: 'currency', label: 'Currency', render: (r) => r.currency },
  { key: 'single', label: 'Single payment', align: 'right', render: (r) => formatAmount(r.single) },
  { key: 'daily', label: 'Daily total', align: 'right', render: (r) => formatAmount(r.daily) },
  { key: 'paidToday', label: 'Paid today (UTC)', align: 'right', render: (r) => formatAmount(r.paidToday) },
  { key: 'source', label: 'Set by', render: (r) => (r.source === 'override' ? 'Staff override' : 'Bank default') },
  {
    key: 'pendingRaiseApprovalId',
    label: 'Pending raise',
    render: (r) => (r.pendingRaiseApprovalId ? `Approval #${r.pendingRaiseApprovalId}` : '—'),
  },
]

/**
 * The customer's API payment limits per currency and, for staff who may,
 * the form that lowers them at once or requests a raise (four-eyes).
 */
export default function PaymentLimitsPanel({
  limits,
  canChange,
  action,
  idempotencyKey,
  errors,
}: {
  limits: PaymentLimitRow[]
  canChange: boolean
  action: string
  idempotencyKey: string
  errors: Record<string, string>
}) {
  const first = limits[0]
  const form = useForm({
    currency: first?.currency ?? 'GBP',
    single: first?.single.amount ?? '',
    daily: first?.daily.amount ?? '',
    reason: '',
    idempotencyKey,
  })
  const pick = (currency: string) => {
    const row = limits.find((r) => r.currency === currency)
    form.setData({ ...form.data, currency, single: row?.single.amount ?? '', daily: row?.daily.amount ?? '' })
  }
  const submit = () =>
    form.post(action, {
      preserveScroll: true,
      /* the next request needs the fresh key the reloaded page carries */
      onSuccess: (page) => form.setData({ ...form.data, reason: '', idempotencyKey: String(page.props.paymentLimitsKey) }),
    })

  return (
    <section className="card" aria-labelledby="payment-limits-title">
      <div className="card-header">
        <h2 id="payment-limits-title">Payment limits</h2>
      </div>
      <DataTable columns={columns} rows={limits} rowKey={(r) => r.currency} empty="No accounts yet." caption="Payment limits" />
      <div className="card-body">
        {canChange ? (
          <form
            onSubmit={(event) => {
              event.preventDefault()
              submit()
            }}
          >
            <SelectField
              label="Currency"
              name="currency"
              value={form.data.currency}
              options={limits.map((r) => ({ value: r.currency, label: r.currency }))}
              onChange={(e) => pick(e.target.value)}
              error={errors.currency}
            />
            <TextField
              label="Single payment limit"
              name="single"
              inputMode="decimal"
              value={form.data.single}
              onChange={(e) => form.setData('single', e.target.value)}
              error={errors.single}
            />
            <TextField
              label="Daily total limit"
              name="daily"
              inputMode="decimal"
              value={form.data.daily}
              onChange={(e) => form.setData('daily', e.target.value)}
              error={errors.daily}
            />
            <TextAreaField
              label="Reason"
              name="reason"
              value={form.data.reason}
              onChange={(e) => form.setData('reason', e.target.value)}
              error={errors.reason}
            />
            <p className="subtle">Lowering applies at once; raising either limit waits for a second staff member's approval.</p>
            <div className="form-actions">
              <button type="submit" className="btn" disabled={form.processing}>
                Save limits
              </button>
            </div>
          </form>
        ) : (
          <p className="subtle">Your role cannot change payment limits.</p>
        )}
      </div>
    </section>
  )
}
