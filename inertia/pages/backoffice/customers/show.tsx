import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ProfilePanel from '~/components/customers/profile_panel'
import KycPanel from '~/components/customers/kyc_panel'
import AccountsPanel from '~/components/customers/accounts_panel'
import PaymentLimitsPanel from '~/components/customers/payment_limits_panel'
import ActivityPanel from '~/components/customers/activity_panel'
import DocumentsPanel from '~/components/customers/documents_panel'
import CustomerLoansPanel from '~/components/loans/customer_loans_panel'
import CustomerPrivacyPanel from '~/components/customers/customer_privacy_panel'
import type { customerPageProps } from '#controllers/backoffice/customer_page_props'
import type { InertiaProps, PropsOf } from '~/types'

/** Exactly what `customerPageProps()` builds on the server */
type Props = InertiaProps<PropsOf<typeof customerPageProps>>

/** A customer: profile, KYC, accounts, payment limits, recent activity and KYC documents */
export default function CustomersShow(props: Props) {
  const { customer, revealed, accounts, recentActivity, documents, documentTypes, paymentLimits, paymentLimitsKey, can, urls, errors } = props
  return (
    <BackofficeLayout>
      <Head title={customer.fullName} />
      <PageHeader
        title={customer.fullName}
        description={<><span className="mono">{customer.customerNumber}</span> · residency region {customer.residencyRegion.toUpperCase()}</>}
        actions={
          <>
            <Link className="btn btn-secondary" href={urls.index}>All customers</Link>
            {can.update && <Link className="btn" href={urls.edit}>Edit details</Link>}
          </>
        }
      />
      <div className="grid grid-2 customer-panels">
        <ProfilePanel customer={customer} revealed={revealed} canViewPii={can.viewPii} revealUrl={urls.reveal} />
        <KycPanel
          status={customer.kycStatus}
          rejectionReason={customer.kycRejectionReason}
          canReview={can.reviewKyc}
          action={urls.kyc}
          errors={errors}
        />
      </div>
      <AccountsPanel accounts={accounts} customerId={customer.id} openAccountUrl={can.openAccount ? urls.openAccount : null} />
      <PaymentLimitsPanel
        limits={paymentLimits}
        canChange={can.changePaymentLimits}
        action={urls.paymentLimits}
        idempotencyKey={paymentLimitsKey}
        errors={errors}
      />
      <CustomerLoansPanel loans={props.loans} newLoanUrl={can.applyForLoan ? urls.newLoan : null} />
      <ActivityPanel activity={recentActivity} />
      {props.privacy && <CustomerPrivacyPanel privacy={props.privacy} errors={errors} />}
      <DocumentsPanel
        documents={documents}
        types={documentTypes}
        canUpload={can.uploadDocument}
        canDownload={can.downloadDocument}
        action={urls.uploadDocument}
        errors={errors}
      />
    </BackofficeLayout>
  )
}
