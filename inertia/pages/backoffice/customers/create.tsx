import { Head } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import CustomerForm from '~/components/customers/customer_form'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{ urls: { store: string; index: string }; regions: { codes: string[]; default: string } }>

export default function CustomersCreate({ urls, regions, errors }: Props) {
  return (
    <BackofficeLayout>
      <Head title="New customer" />
      <PageHeader title="New customer" description="KYC starts as pending; API access is enrolled separately." />
      <CustomerForm initial={{}} regions={regions} action={urls.store} cancelUrl={urls.index} submitLabel="Create customer" errors={errors} />
    </BackofficeLayout>
  )
}
