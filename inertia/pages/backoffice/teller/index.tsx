import { Head } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import TellerForm from '~/components/teller/teller_form'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{
  keys: { deposit: string; withdrawal: string; transfer: string }
  fourEyesLimit: string
  fourEyesWindowHours: number
  urls: { deposit: string; withdraw: string; transfer: string }
  can: { deposit: boolean; withdraw: boolean; transfer: boolean }
}>

/** The counter: cash deposit, cash withdrawal and transfer, each for the roles that may */
export default function TellerIndex({ keys, fourEyesLimit, fourEyesWindowHours, urls, can }: Props) {
  return (
    <BackofficeLayout>
      <Head title="Teller" />
      <PageHeader
        title="Teller"
        description={`Amounts above ${fourEyesLimit} (in the account's currency) wait for a second staff member's approval, and so does any posting that takes your total, or an account's total, of the last ${fourEyesWindowHours} hours above it.`}
      />
      <div className="grid grid-3">
        {can.deposit && <TellerForm kind="deposit" url={urls.deposit} idempotencyKey={keys.deposit} />}
        {can.withdraw && <TellerForm kind="withdrawal" url={urls.withdraw} idempotencyKey={keys.withdrawal} />}
        {can.transfer && <TellerForm kind="transfer" url={urls.transfer} idempotencyKey={keys.transfer} />}
      </div>
    </BackofficeLayout>
  )
}
