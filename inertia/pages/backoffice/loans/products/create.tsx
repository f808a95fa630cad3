import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import ProductTermsFields from '~/components/loans/product_terms_fields'
import type { LoanProductFormOptions, TermsFormData } from '~/components/loans/product_types'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  initial: TermsFormData
  options: LoanProductFormOptions
  urls: { store: string; index: string }
}>

/** Request a new loan product: another administrator approves it, then it is offered as version 1 */
export default function LoanProductCreate({ initial, options, urls, errors }: Props) {
  const form = useForm({ ...initial, code: '', currency: 'GBP', reason: '', idempotency_key: crypto.randomUUID() })
  const set = <K extends keyof TermsFormData>(key: K, value: TermsFormData[K]) => form.setData((data) => ({ ...data, [key]: value }))

  return (
    <BackofficeLayout>
      <Head title="New loan product" />
      <PageHeader
        title="New loan product"
        description="Another administrator must approve it in the approvals inbox; only then is it offered to customers."
      />
      <section className="card form-card">
        <form className="card-body" onSubmit={(event) => { event.preventDefault(); form.post(urls.store) }}>
          <div className="grid grid-2">
            <TextField label="Code (lower-case letters, digits, dashes; never changes)" name="code" required autoFocus className="mono"
              value={form.data.code} onChange={(e) => form.setData('code', e.target.value)} error={errors.code} />
            <SelectField label="Currency (never changes)" name="currency" options={options.currencies} value={form.data.currency}
              onChange={(e) => form.setData('currency', e.target.value)} error={errors.currency} />
          </div>
          <ProductTermsFields data={form.data} set={set} errors={errors} options={options} currency={form.data.currency} />
          <TextAreaField label="Reason (for the approving administrator)" name="reason" value={form.data.reason}
            onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
          <div className="form-actions">
            <Link href={urls.index} className="btn btn-secondary">Cancel</Link>
            <button type="submit" className="btn" disabled={form.processing}>Request this product</button>
          </div>
        </form>
      </section>
    </BackofficeLayout>
  )
}
