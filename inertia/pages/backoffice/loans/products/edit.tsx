import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { TextAreaField } from '~/components/fields'
import ProductTermsFields from '~/components/loans/product_terms_fields'
import type { LoanProductFormOptions, LoanProductRow, TermsFormData } from '~/components/loans/product_types'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  product: LoanProductRow
  initial: TermsFormData & { base_version: number }
  options: LoanProductFormOptions
  urls: { update: string; show: string }
}>

/**
 * Request version N + 1 of a product (four-eyes). The form carries the
 * version it was edited from: a version published meanwhile is refused,
 * not merged. Loans already made keep the terms they were made under.
 */
export default function LoanProductEdit({ product, initial, options, urls, errors }: Props) {
  const form = useForm({ ...initial, reason: '', idempotency_key: crypto.randomUUID() })
  const set = <K extends keyof TermsFormData>(key: K, value: TermsFormData[K]) => form.setData((data) => ({ ...data, [key]: value }))
  const currency = product.terms?.currency ?? ''

  return (
    <BackofficeLayout>
      <Head title={`Change ${product.code}`} />
      <PageHeader
        title={`Change ${product.code}`}
        description={`Requests version ${initial.base_version + 1} in ${currency}. Another administrator must approve it; existing loans keep their terms.`}
        actions={<Link className="btn btn-secondary" href={urls.show}>Back to the product</Link>}
      />
      {errors.base_version && <div className="alert alert-error" role="alert">{errors.base_version}</div>}
      <section className="card form-card">
        <form className="card-body" onSubmit={(event) => { event.preventDefault(); form.post(urls.update) }}>
          <ProductTermsFields data={form.data} set={set} errors={errors} options={options} currency={currency} />
          <TextAreaField label="Reason (for the approving administrator)" name="reason" value={form.data.reason}
            onChange={(e) => form.setData('reason', e.target.value)} error={errors.reason} />
          <div className="form-actions">
            <Link href={urls.show} className="btn btn-secondary">Cancel</Link>
            <button type="submit" className="btn" disabled={form.processing}>Request version {initial.base_version + 1}</button>
          </div>
        </form>
      </section>
    </BackofficeLayout>
  )
}
