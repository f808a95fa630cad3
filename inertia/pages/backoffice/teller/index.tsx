import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { Head, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ConfirmDialog from '~/components/confirm_dialog'
import { TextField } from '~/components/fields'
import type { PageProps } from '~/types'

type Props = PageProps<{
  keys: { deposit: string; withdrawal: string; transfer: string }
  fourEyesLimit: string
  fourEyesWindowHours: number
  urls: { deposit: string; withdraw: string; transfer: string }
  can: { deposit: boolean; withdraw: boolean; transfer: boolean }
}>

/**
 * One teller form: the idempotency key rendered by the server travels with
 * the form (a double submit books once); the submit button asks for
 * confirmation with the amount and accounts, then disables while posting.
 */
type Fields = Record<string, string>

function TellerForm({
  title, url, initial, idempotencyKey, confirm, children,
}: {
  title: string
  url: string
  initial: Fields
  idempotencyKey: string
  confirm: (data: Fields) => ReactNode
  children: (form: { data: Fields; set: (key: string, value: string) => void; errors: Partial<Record<string, string>> }) => ReactNode
}) {
  const form = useForm<Fields>({ ...initial, idempotencyKey })
  const [confirming, setConfirming] = useState(false)

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
        {children({
          data: form.data,
          set: (key, value) => form.setData(key, value),
          errors: form.errors as Partial<Record<string, string>>,
        })}
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

export default function TellerIndex({ keys, fourEyesLimit, fourEyesWindowHours, urls, can }: Props) {
  return (
    <BackofficeLayout>
      <Head title="Teller" />
      <PageHeader
        title="Teller"
        description={`Amounts above ${fourEyesLimit} (in the account's currency) wait for a second staff member's approval, and so does any posting that takes your total, or an account's total, of the last ${fourEyesWindowHours} hours above it.`}
      />
      <div className="grid grid-3">
        {can.deposit && (
          <TellerForm title="Cash deposit" url={urls.deposit} idempotencyKey={keys.deposit}
            initial={{ accountNumber: '', amount: '', reference: '' }}
            confirm={(d) => <p>Deposit <strong>{d.amount}</strong> in cash to account <span className="mono">{d.accountNumber}</span>.</p>}>
            {({ data, set, errors }) => (
              <>
                <TextField label="Account number" name="accountNumber" required value={data.accountNumber}
                  onChange={(e) => set('accountNumber', e.target.value)} error={errors.accountNumber} />
                <TextField label="Amount" name="amount" inputMode="decimal" required placeholder="0.00" value={data.amount}
                  onChange={(e) => set('amount', e.target.value)} error={errors.amount} />
                <TextField label="Reference" name="reference" value={data.reference}
                  onChange={(e) => set('reference', e.target.value)} error={errors.reference} />
              </>
            )}
          </TellerForm>
        )}
        {can.withdraw && (
          <TellerForm title="Cash withdrawal" url={urls.withdraw} idempotencyKey={keys.withdrawal}
            initial={{ accountNumber: '', amount: '', reference: '' }}
            confirm={(d) => <p>Pay out <strong>{d.amount}</strong> in cash from account <span className="mono">{d.accountNumber}</span>.</p>}>
            {({ data, set, errors }) => (
              <>
                <TextField label="Account number" name="accountNumber" required value={data.accountNumber}
                  onChange={(e) => set('accountNumber', e.target.value)} error={errors.accountNumber} />
                <TextField label="Amount" name="amount" inputMode="decimal" required placeholder="0.00" value={data.amount}
                  onChange={(e) => set('amount', e.target.value)} error={errors.amount} />
                <TextField label="Reference" name="reference" value={data.reference}
                  onChange={(e) => set('reference', e.target.value)} error={errors.reference} />
              </>
            )}
          </TellerForm>
        )}
        {can.transfer && (
          <TellerForm title="Transfer" url={urls.transfer} idempotencyKey={keys.transfer}
            initial={{ fromAccountNumber: '', toAccountNumber: '', amount: '', reference: '' }}
            confirm={(d) => (
              <p>Transfer <strong>{d.amount}</strong> from <span className="mono">{d.fromAccountNumber}</span> to{' '}
                <span className="mono">{d.toAccountNumber}</span>.</p>
            )}>
            {({ data, set, errors }) => (
              <>
                <TextField label="From account" name="fromAccountNumber" required value={data.fromAccountNumber}
                  onChange={(e) => set('fromAccountNumber', e.target.value)} error={errors.fromAccountNumber} />
                <TextField label="To account" name="toAccountNumber" required value={data.toAccountNumber}
                  onChange={(e) => set('toAccountNumber', e.target.value)} error={errors.toAccountNumber} />
                <TextField label="Amount" name="amount" inputMode="decimal" required placeholder="0.00" value={data.amount}
                  onChange={(e) => set('amount', e.target.value)} error={errors.amount} />
                <TextField label="Reference" name="reference" value={data.reference}
                  onChange={(e) => set('reference', e.target.value)} error={errors.reference} />
              </>
            )}
          </TellerForm>
        )}
      </div>
    </BackofficeLayout>
  )
}
