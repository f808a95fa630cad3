import { useEffect, useState, type FormEvent } from 'react'
import { Head, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ConfirmDialog from '~/components/confirm_dialog'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  idempotencyKey: string
  accountNumber: string
  urls: { store: string }
  can: { adjust: boolean }
}>

export default function AdjustmentCreate({ idempotencyKey, accountNumber, urls }: Props) {
  const form = useForm({ accountNumber, direction: 'credit', amount: '', reason: '', idempotencyKey })
  const [confirming, setConfirming] = useState(false)

  useEffect(() => {
    form.setData('idempotencyKey', idempotencyKey)
  }, [idempotencyKey])

  const open = (event: FormEvent) => {
    event.preventDefault()
    setConfirming(true)
  }

  return (
    <BackofficeLayout>
      <Head title="Manual adjustment" />
      <PageHeader
        title="Manual adjustment"
        description="Credits or debits a customer account against the bank's suspense account. Always needs a second staff member's approval."
      />
      <section className="card form-card">
        <form className="card-body" onSubmit={open}>
          <TextField label="Account number" name="accountNumber" required value={form.data.accountNumber}
            onChange={(e) => form.setData('accountNumber', e.target.value)} error={form.errors.accountNumber} />
          <SelectField label="Direction" name="direction" value={form.data.direction}
            onChange={(e) => form.setData('direction', e.target.value)} error={form.errors.direction}
            options={[{ value: 'credit', label: 'Credit the customer (from suspense)' }, { value: 'debit', label: 'Debit the customer (to suspense)' }]} />
          <TextField label="Amount" name="amount" inputMode="decimal" required placeholder="0.00" value={form.data.amount}
            onChange={(e) => form.setData('amount', e.target.value)} error={form.errors.amount} />
          <TextAreaField label="Reason" name="reason" required value={form.data.reason}
            onChange={(e) => form.setData('reason', e.target.value)} error={form.errors.reason} />
          <div className="form-actions">
            <button type="submit" className="btn" disabled={form.processing}>Request adjustment</button>
          </div>
        </form>
      </section>
      <ConfirmDialog open={confirming} title="Request this adjustment?" confirmLabel="Request" processing={form.processing}
        onConfirm={() => form.post(urls.store, { onSuccess: () => form.reset('amount', 'reason'), onFinish: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}>
        <p>
          {form.data.direction === 'credit' ? 'Credit' : 'Debit'} <strong>{form.data.amount}</strong>{' '}
          {form.data.direction === 'credit' ? 'to' : 'from'} account <span className="mono">{form.data.accountNumber}</span>{' '}
          against suspense, once approved.
        </p>
      </ConfirmDialog>
    </BackofficeLayout>
  )
}
