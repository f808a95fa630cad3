import { Head, useForm } from '@inertiajs/react'
import AuthLayout from '~/layouts/auth_layout'
import ConsentSummary from '~/components/consent/consent_summary'
import type { InertiaProps, PropsOf } from '~/types'
import type { consentPageProps } from '#controllers/consent/consent_page_props'

type Props = InertiaProps<PropsOf<typeof consentPageProps> & { urls: { signIn: string; decide: string; cancel: string } }>

/** Consent page, step 2: the signed-in customer picks the accounts to share (or the one to pay from), then approves or rejects */
export default function ConsentDecide({ partner, consent, customer, accounts, urls, errors }: Props) {
  const form = useForm<{ decision: 'approve' | 'reject'; accountIds: number[] }>({ decision: 'approve', accountIds: [] })
  const payment = consent.payment !== null
  const toggle = (id: number) =>
    form.setData('accountIds', payment ? [id] : form.data.accountIds.includes(id)
      ? form.data.accountIds.filter((a) => a !== id)
      : [...form.data.accountIds, id])
  const submit = (decision: 'approve' | 'reject') => {
    form.transform((data) => ({ ...data, decision }))
    form.post(urls.decide)
  }
  return (
    <AuthLayout brand="Strongroom" title={`Connect ${partner.name}`} lead={customer ? `Signed in as ${customer.name}` : undefined}>
      <Head title={`Connect ${partner.name}`} />
      <ConsentSummary partner={partner} consent={consent} />
      <fieldset className="field">
        <legend>{payment ? 'Pay from' : 'Accounts to share'}</legend>
        {accounts.length === 0 && <p className="muted">You have no open account to share.</p>}
        {accounts.map((account) => (
          <label key={account.id} className="checkbox">
            <input
              type={payment ? 'radio' : 'checkbox'}
              name="accountIds"
              value={account.id}
              checked={form.data.accountIds.includes(account.id)}
              onChange={() => toggle(account.id)}
            />
            {account.name} · {account.number} · {account.currency}
          </label>
        ))}
        {errors.accountIds && <span className="field-error">{errors.accountIds}</span>}
      </fieldset>
      <button type="button" className="btn btn-block" disabled={form.processing || form.data.accountIds.length === 0}
        onClick={() => submit('approve')}>
        {payment ? 'Confirm payment' : 'Allow access'}
      </button>
      <button type="button" className="btn btn-secondary btn-block" disabled={form.processing} onClick={() => submit('reject')}>
        Do not allow
      </button>
    </AuthLayout>
  )
}
