import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ProductTermsList from '~/components/loans/product_terms_list'
import ProductStatusPanel from '~/components/loans/product_status_panel'
import ProductHistory from '~/components/loans/product_history'
import type { LoanProductPageProps } from '~/components/loans/product_types'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<LoanProductPageProps>

/** A loan product: its current terms, its status, the changes waiting and every published version */
export default function LoanProductShow(props: Props) {
  const { product, versions, can, urls } = props
  return (
    <BackofficeLayout>
      <Head title={`Loan product ${product.code}`} />
      <PageHeader
        title={product.terms ? `${product.terms.name}` : product.code}
        description={<span className="mono">{product.code}</span>}
        actions={
          <>
            {can.manage && product.terms && <Link className="btn" href={urls.edit}>Request a new version</Link>}
            <Link className="btn btn-secondary" href={urls.index}>All products</Link>
          </>
        }
      />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="product-terms">
          <div className="card-header"><h2 id="product-terms">Current terms (version {product.version ?? '—'})</h2></div>
          {product.terms ? <ProductTermsList terms={product.terms} /> : <p className="card-body subtle">No version published yet.</p>}
        </section>
        <ProductStatusPanel {...props} />
      </div>
      <ProductHistory versions={versions} current={product.version} />
    </BackofficeLayout>
  )
}
