import { Head, Link, useForm } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { SelectField, TextAreaField, TextField } from '~/components/fields'
import { formatAmount } from '~/components/money'
import type LoanReviewQueries from '#queries/loans/loan_review_queries'
import type { InertiaProps, Serialized } from '~/types'

type Product = Serialized<Awaited<ReturnType<LoanReviewQueries['offeredProducts']>>>[number]
type AccountRow = Serialized<Awaited<ReturnType<LoanReviewQueries['accounts']>>>[number]

type Props = InertiaProps<{
  customer: { id: number; fullName: string; customerNumber: string; kycStatus: string }
  products: Product[]
  accounts: AccountRow[]
  urls: { store: string; customer: string }
}>

/** 99000 ppm → '9.9%' (string arithmetic: no float holds a rate) */
const percent = (ppm: string) => {
  const whole = ppm.length > 4 ? ppm.slice(0, -4) : '0'
  const fraction = ppm.padStart(4, '0').slice(-4).replace(/0+$/, '')
  return `${whole}${fraction ? `.${fraction}` : ''}%`
}

/** Apply for a loan on a customer's behalf, at a branch (assessed on submission; an officer decides) */
export default function LoansCreate({ customer, products, accounts, urls, errors }: Props) {
  const form = useForm({
    productId: String(products[0]?.id ?? ''), principal: '', termCount: '', purpose: '',
    monthlyIncome: '', monthlyObligations: '0', disbursementAccountId: String(accounts[0]?.id ?? ''),
  })
  const product = products.find((p) => String(p.id) === form.data.productId)
  const eligible = accounts.filter((a) => !product || a.balance.currency === product.currency)
  const field = (name: keyof typeof form.data) => ({
    name, value: form.data[name], error: errors[name], onChange: (e: { target: { value: string } }) => form.setData(name, e.target.value),
  })
  return (
    <BackofficeLayout>
      <Head title="New loan application" />
      <PageHeader
        title={`New loan application for ${customer.fullName}`}
        description={<>At a branch, on the customer's behalf. <span className="mono">{customer.customerNumber}</span> · KYC {customer.kycStatus}</>}
        actions={<Link className="btn btn-secondary" href={urls.customer}>Back to the customer</Link>}
      />
      {products.length === 0 ? <p className="card">No loan product is offered at the moment.</p> : (
        <form className="card form-card stack" onSubmit={(e) => { e.preventDefault(); form.post(urls.store) }}>
          <SelectField label="Product" {...field('productId')}
            options={products.map((p) => ({ value: String(p.id), label: `${p.name} (${p.currency}, ${percent(p.annualRatePpm)})` }))}
            hint={product && `${formatAmount(product.minPrincipal)} to ${formatAmount(product.maxPrincipal)}, ${product.minTerm}–${product.maxTerm} ${product.frequency} instalments, fee ${percent(product.originationFeePpm)}`} />
          <TextField label={`Amount${product ? ` (${product.currency})` : ''}`} inputMode="decimal" required {...field('principal')} />
          <TextField label="Number of instalments" inputMode="numeric" required {...field('termCount')} />
          <TextAreaField label="Purpose" required {...field('purpose')} />
          <TextField label="Declared monthly income" inputMode="decimal" required {...field('monthlyIncome')} />
          <TextField label="Declared monthly obligations" inputMode="decimal" required {...field('monthlyObligations')} />
          <SelectField label="Pay into account" {...field('disbursementAccountId')}
            options={eligible.map((a) => ({ value: String(a.id), label: `${a.number} (${a.kind}, ${a.status}, ${formatAmount(a.available)} available)` }))} />
          <div className="form-actions">
            <button type="submit" className="btn" disabled={form.processing}>Submit application</button>
          </div>
        </form>
      )}
    </BackofficeLayout>
  )
}
