import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import { TextField } from '~/components/fields'

/** The three postings at the counter (the keys of the teller page's `keys` prop) */
export type TellerKind = 'deposit' | 'withdrawal' | 'transfer'

type Field = 'accountNumber' | 'fromAccountNumber' | 'toAccountNumber' | 'amount' | 'reference'
type Values = Record<string, string>

const FIELDS: Record<Field, { label: string; required?: boolean; decimal?: boolean }> = {
  accountNumber: { label: 'Account number', required: true },
  fromAccountNumber: { label: 'From account', required: true },
  toAccountNumber: { label: 'To account', required: true },
  amount: { label: 'Amount', required: true, decimal: true },
  reference: { label: 'Reference' },
}

const KINDS: Record<TellerKind, { title: string; fields: Field[]; confirm: (d: Values) => ReactNode }> = {
  deposit: {
    title: 'Cash deposit',
    fields: ['accountNumber', 'amount', 'reference'],
    confirm: (d) => <p>Deposit <strong>{d.amount}</strong> in cash to account <span className="mono">{d.accountNumber}</span>.</p>,
  },
  withdrawal: {
    title: 'Cash withdrawal',
    fields: ['accountNumber', 'amount', 'reference'],
    confirm: (d) => <p>Pay out <strong>{d.amount}</strong> in cash from account <span className="mono">{d.accountNumber}</span>.</p>,
  },
  transfer: {
    title: 'Transfer',
    fields: ['fromAccountNumber', 'toAccountNumber', 'amount', 'reference'],
    confirm: (d) => (
      <p>Transfer <strong>{d.amount}</strong> from <span className="mono">{d.fromAccountNumber}</span> to{' '}
        <span className="mono">{d.toAccountNumber}</span>.</p>
    ),
  },
}

/**
 * One teller form (deposit, withdrawal or transfer): the idempotency key
 * rendered by the server travels with the form (a double submit books
 * once); the submit button asks for confirmation with the amount and
 * accounts, then disables while posting.
 */
export default function TellerForm({ kind, url, idempotencyKey }: { kind: TellerKind; url: string; idempotencyKey: string }) {
  const { title, fields, confirm } = KINDS[kind]
  const form = useForm<Values>({ ...Object.fromEntries(fields.map((field) => [field, ''])), idempotencyKey })
  const [confirming, setConfirming] = useState(false)
  const errors = form.errors as Partial<Record<string, string>>

  useEffect(() => {
    form.setData('idempotencyKey', idempotencyKey)
  }, [idempotencyKey])

  const open = (event: FormEvent) => {
    event.preventDefault()
    setConfirming(true)
  }
  const post = () =>
    form.post(url, {
      preserveScroll: true,
      onSuccess: () => form.reset(),
      onFinish: () => setConfirming(false),
    })

  return (
    <section className="card">
      <div className="card-header"><h2>{title}</h2></div>
      <form className="card-body" onSubmit={open}>
        {fields.map((field) => (
          <TextField key={field} label={FIELDS[field].label} name={field} required={FIELDS[field].required}
            inputMode={FIELDS[field].decimal ? 'decimal' : undefined} placeholder={FIELDS[field].decimal ? '0.00' : undefined}
            value={form.data[field]} onChange={(e) => form.setData(field, e.target.value)} error={errors[field]} />
        ))}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={form.processing}>
            {form.processing ? 'Posting…' : title}
          </button>
        </div>
      </form>
      <ConfirmDialog open={confirming} title={`${title}?`} confirmLabel="Post" processing={form.processing}
        onConfirm={post} onCancel={() => setConfirming(false)}>
        {confirm(form.data)}
      </ConfirmDialog>
    </section>
  )
}
