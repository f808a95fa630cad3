import { useState } from 'react'
import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import { queryString } from '~/components/data_table'
import AccountFigures from '~/components/accounts/account_figures'
import Statement, { type StatementFilters } from '~/components/accounts/statement'
import AccountStatusDialog, { type StatusAction } from '~/components/accounts/account_status_dialog'
import type { AccountPageUrls } from '#controllers/backoffice/accounts_controller'
import type { Data, InertiaProps, Paginated } from '~/types'

type Props = InertiaProps<{
  account: Data.AccountHeader
  entries: Paginated<Data.StatementLine>
  filters: StatementFilters
  urls: AccountPageUrls
  can: { export: boolean; freeze: boolean; close: boolean; adjust: boolean }
}>

/** An account's statement, with export, adjustment, freeze / unfreeze and close for the roles that may */
export default function AccountShow({ account, entries, filters, urls, can, errors }: Props) {
  const [pending, setPending] = useState<StatusAction | null>(null)
  const activeFilters = { from: filters.from, to: filters.to, direction: filters.direction }

  return (
    <BackofficeLayout>
      <Head title={`Account ${account.number}`} />
      <PageHeader
        title={`${account.name} ${account.number}`}
        description={
          account.customer && urls.customer ? (
            <>
              Held by <Link href={urls.customer}>{account.customer.fullName}</Link>{' '}
              <span className="mono">{account.customer.customerNumber}</span>
            </>
          ) : undefined
        }
        actions={
          <>
            {can.export && (
              <a className="btn btn-secondary" href={`${urls.export}${queryString(activeFilters)}`}>
                Export CSV
              </a>
            )}
            {can.adjust && account.status !== 'closed' && (
              <Link className="btn btn-secondary" href={`${urls.adjust}${queryString({ account: account.number })}`}>
                Adjustment
              </Link>
            )}
            {can.freeze && account.status === 'active' && (
              <button className="btn btn-secondary" onClick={() => setPending('freeze')}>Freeze</button>
            )}
            {can.freeze && account.status === 'frozen' && (
              <button className="btn btn-secondary" onClick={() => setPending('unfreeze')}>Unfreeze</button>
            )}
            {can.close && account.status !== 'closed' && (
              <button className="btn btn-danger" onClick={() => setPending('close')}>Close</button>
            )}
          </>
        }
      />
      <AccountFigures account={account} />
      <Statement entries={entries} filters={filters} url={urls.self} errors={errors} />
      <AccountStatusDialog pending={pending} accountNumber={account.number} urls={urls} errors={errors}
        onClose={() => setPending(null)} />
    </BackofficeLayout>
  )
}
