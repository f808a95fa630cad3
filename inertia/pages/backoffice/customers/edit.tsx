import { Head } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import CustomerForm from '~/components/customers/customer_form'
import type { customerPageUrls } from '#controllers/backoffice/customer_urls'
import type { Data, InertiaProps } from '~/types'

type Props = InertiaProps<{ customer: Data.CustomerProfile; urls: ReturnType<typeof customerPageUrls> }>

export default function CustomersEdit({ customer, urls, errors }: Props) {
  return (
    <BackofficeLayout>
      <Head title={`Edit ${customer.fullName}`} />
      <PageHeader title={`Edit ${customer.fullName}`} description={`${customer.customerNumber} · residency region ${customer.residencyRegion.toUpperCase()} (cannot be changed)`} />
      <CustomerForm
        initial={{ fullName: customer.fullName, email: customer.email }}
        masked={customer.masked}
        action={urls.update}
        cancelUrl={urls.show}
        submitLabel="Save changes"
        errors={errors}
      />
    </BackofficeLayout>
  )
}
