import { useState, type FormEvent } from 'react'
import { useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import { SelectField } from '~/components/fields'

const KINDS = [
  { value: 'current', label: 'Current account' },
  { value: 'savings', label: 'Savings account' },
]
const CURRENCIES = ['GBP', 'EUR', 'USD'].map((code) => ({ value: code, label: code }))

/** Opens a current or savings account for the customer (confirmed first) */
export default function OpenAccountForm({ customerId, action }: { customerId: number; action: string }) {
  const form = useForm({ customerId, kind: 'current', currency: 'GBP' })
  const [confirming, setConfirming] = useState(false)
  const kindLabel = KINDS.find((k) => k.value === form.data.kind)?.label ?? form.data.kind

  const open = (event: FormEvent) => {
    event.preventDefault()
    setConfirming(true)
  }

  return (
    <form className="inline-form open-account" onSubmit={open} aria-label="Open an account">
      <SelectField label="Kind" name="kind" options={KINDS} value={form.data.kind}
        onChange={(e) => form.setData('kind', e.target.value)} error={form.errors.kind} />
      <SelectField label="Currency" name="currency" options={CURRENCIES} value={form.data.currency}
        onChange={(e) => form.setData('currency', e.target.value)} error={form.errors.currency} />
      <button type="submit" className="btn btn-small" disabled={form.processing}>
        Open account
      </button>
      <ConfirmDialog
        open={confirming}
        title="Open account?"
        confirmLabel="Open account"
        processing={form.processing}
        onConfirm={() => form.post(action, { onFinish: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Open a {kindLabel.toLowerCase()} in {form.data.currency} for this customer.
        </p>
      </ConfirmDialog>
    </form>
  )
}
