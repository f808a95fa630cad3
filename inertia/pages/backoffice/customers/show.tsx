import { Head, Link, router } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import StatusBadge from '~/components/status_badge'
import { type Amount, formatAmount } from '~/components/money'
import KycPanel from '~/components/customers/kyc_panel'
import OpenAccountForm from '~/components/accounts/open_account_form'
import DocumentsPanel, { type KycDocumentRow } from '~/components/customers/documents_panel'
import PaymentLimitsPanel, { type PaymentLimitRow } from '~/components/customers/payment_limits_panel'
import type { PageProps } from '~/types'

export interface CustomerProfile {
  id: number
  customerNumber: string
  fullName: string
  email: string
  status: string
  kycStatus: string
  kycRejectionReason: string | null
  createdAt: string
  updatedAt: string
  masked: { phone: string | null; dateOfBirth: string | null; address: string | null }
}

interface Revealed {
  phone: string | null
  dateOfBirth: string | null
  address: { line1: string; line2: string | null; city: string; postcode: string; country: string } | null
}

interface AccountRow {
  id: number
  number: string
  name: string
  kind: string
  currency: string
  status: string
  balance: Amount
  available: Amount
  url: string | null
}

interface ActivityRow {
  id: number
  accountNumber: string
  kind: string
  direction: 'debit' | 'credit'
  amount: Amount
  reference: string | null
  bookedAt: string
}

type Props = PageProps<{
  customer: CustomerProfile
  revealed: Revealed | null
  accounts: AccountRow[]
  recentActivity: ActivityRow[]
  documents: KycDocumentRow[]
  documentTypes: string[]
  paymentLimits: PaymentLimitRow[]
  paymentLimitsKey: string
  can: { update: boolean; viewPii: boolean; reviewKyc: boolean; uploadDocument: boolean; downloadDocument: boolean; openAccount: boolean; changePaymentLimits: boolean }
  urls: { index: string; edit: string; reveal: string; kyc: string; uploadDocument: string; openAccount: string | null; paymentLimits: string }
}>

const accountColumns: Column<AccountRow>[] = [
  { key: 'number', label: 'Number', render: (a) => (a.url ? <Link href={a.url} className="mono">{a.number}</Link> : <span className="mono">{a.number}</span>) },
  { key: 'name', label: 'Account', render: (a) => `${a.name} (${a.kind})` },
  { key: 'status', label: 'Status', render: (a) => <StatusBadge status={a.status} /> },
  { key: 'balance', label: 'Balance', align: 'right', render: (a) => formatAmount(a.balance) },
  { key: 'available', label: 'Available', align: 'right', render: (a) => formatAmount(a.available) },
]

const activityColumns: Column<ActivityRow>[] = [
  { key: 'bookedAt', label: 'Booked', render: (e) => e.bookedAt.slice(0, 16).replace('T', ' ') },
  { key: 'account', label: 'Account', render: (e) => <span className="mono">{e.accountNumber}</span> },
  { key: 'kind', label: 'Type', render: (e) => e.kind.replaceAll('_', ' ') },
  { key: 'reference', label: 'Reference', render: (e) => e.reference ?? '' },
  {
    key: 'amount',
    label: 'Amount',
    align: 'right',
    render: (e) => `${e.direction === 'debit' ? '−' : '+'}${formatAmount(e.amount)}`,
  },
]

function formatAddress(address: Revealed['address']) {
  if (!address) return '—'
  return [address.line1, address.line2, address.city, address.postcode, address.country].filter(Boolean).join(', ')
}

export default function CustomersShow(props: Props) {
  const { customer, revealed, accounts, recentActivity, documents, documentTypes, paymentLimits, paymentLimitsKey, can, urls, errors } = props
  const reveal = () => router.post(urls.reveal, {}, { preserveScroll: true })
  return (
    <BackofficeLayout>
      <Head title={customer.fullName} />
      <PageHeader
        title={customer.fullName}
        description={<span className="mono">{customer.customerNumber}</span>}
        actions={
          <>
            <Link className="btn btn-secondary" href={urls.index}>All customers</Link>
            {can.update && <Link className="btn" href={urls.edit}>Edit details</Link>}
          </>
        }
      />
      <div className="grid grid-2 customer-panels">
        <section className="card" aria-labelledby="profile-title">
          <div className="card-header">
            <h2 id="profile-title">Profile</h2>
            {can.viewPii && !revealed && (
              <button type="button" className="btn btn-secondary btn-small" onClick={reveal}>
                Reveal identifiers
              </button>
            )}
          </div>
          <dl className="details">
            <dt>Email</dt>
            <dd>{customer.email}</dd>
            <dt>Status</dt>
            <dd><StatusBadge status={customer.status} /></dd>
            <dt>Phone</dt>
            <dd className={revealed ? 'pii-revealed' : 'pii-masked'}>{(revealed ? revealed.phone : customer.masked.phone) ?? '—'}</dd>
            <dt>Date of birth</dt>
            <dd className={revealed ? 'pii-revealed' : 'pii-masked'}>{(revealed ? revealed.dateOfBirth : customer.masked.dateOfBirth) ?? '—'}</dd>
            <dt>Address</dt>
            <dd className={revealed ? 'pii-revealed' : 'pii-masked'}>{revealed ? formatAddress(revealed.address) : (customer.masked.address ?? '—')}</dd>
            <dt>Customer since</dt>
            <dd>{customer.createdAt.slice(0, 10)}</dd>
          </dl>
          {revealed && <p className="subtle pii-note">Shown once; this view was recorded in the audit trail.</p>}
        </section>
        <KycPanel
          status={customer.kycStatus}
          rejectionReason={customer.kycRejectionReason}
          canReview={can.reviewKyc}
          action={urls.kyc}
          errors={errors}
        />
      </div>
      <section className="card" aria-labelledby="accounts-title">
        <div className="card-header">
          <h2 id="accounts-title">Accounts</h2>
          {urls.openAccount && can.openAccount && <OpenAccountForm customerId={customer.id} action={urls.openAccount} />}
        </div>
        <DataTable columns={accountColumns} rows={accounts} rowKey={(a) => a.id} empty="No accounts yet." caption="Accounts" />
      </section>
      <PaymentLimitsPanel
        limits={paymentLimits}
        canChange={can.changePaymentLimits}
        action={urls.paymentLimits}
        idempotencyKey={paymentLimitsKey}
        errors={errors}
      />
      <section className="card" aria-labelledby="activity-title">
        <div className="card-header">
          <h2 id="activity-title">Recent activity</h2>
        </div>
        <DataTable columns={activityColumns} rows={recentActivity} rowKey={(e) => e.id} empty="No ledger activity yet." caption="Recent activity" />
      </section>
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
