import { useState } from 'react'
import { Link, useForm } from '@inertiajs/react'
import ConfirmDialog from '~/components/confirm_dialog'
import StatusBadge from '~/components/status_badge'
import { TextAreaField } from '~/components/fields'
import type { LoanProductPageProps } from '~/components/loans/product_types'

type Props = Pick<LoanProductPageProps, 'product' | 'pending' | 'statusKey' | 'can' | 'urls'>

/** Whether the product is offered, the changes waiting for approval, and the retire / reactivate request (four-eyes) */
export default function ProductStatusPanel({ product, pending, statusKey, can, urls }: Props) {
  const [open, setOpen] = useState(false)
  const form = useForm({ reason: '', idempotency_key: statusKey })
  const retiring = product.status === 'active'
  const run = () =>
    form.post(retiring ? urls.retire : urls.reactivate, {
      preserveScroll: true,
      onFinish: () => setOpen(false),
      onSuccess: () => form.setData({ reason: '', idempotency_key: crypto.randomUUID() }),
    })

  return (
    <section className="card" aria-labelledby="product-status">
      <div className="card-header"><h2 id="product-status">Status</h2></div>
      <div className="card-body">
        <p>
          <StatusBadge status={product.status} />{' '}
          {retiring
            ? `Offered to customers under version ${product.version ?? '—'}.`
            : 'Retired: not offered for new applications. Existing loans keep their terms.'}
        </p>
        {pending.length > 0 && (
          <>
            <h3>Waiting for a second administrator</h3>
            <ul>
              {pending.map((p) => (
                <li key={p.id}><Link href={p.url}>#{p.id}</Link> {p.summary} <span className="subtle">({p.maker})</span></li>
              ))}
            </ul>
          </>
        )}
        {can.manage && (
          <form onSubmit={(e) => { e.preventDefault(); setOpen(true) }}>
            <TextAreaField label={retiring ? 'Reason for retiring' : 'Reason for reactivating'} name="reason" required
              value={form.data.reason} onChange={(e) => form.setData('reason', e.target.value)} error={form.errors.reason} />
            <div className="form-actions">
              <button type="submit" className={retiring ? 'btn btn-danger' : 'btn'} disabled={form.data.reason.trim().length < 3}>
                {retiring ? 'Request retirement' : 'Request reactivation'}
              </button>
            </div>
          </form>
        )}
      </div>
      <ConfirmDialog
        open={open}
        title={retiring ? `Request the retirement of ${product.code}?` : `Request the reactivation of ${product.code}?`}
        confirmLabel="Send request"
        danger={retiring}
        processing={form.processing}
        onCancel={() => setOpen(false)}
        onConfirm={run}
      >
        Another administrator must approve it in the approvals inbox. Loans already made under this product keep their terms.
      </ConfirmDialog>
    </section>
  )
}
