import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import DataTable, { type Column } from '~/components/data_table'
import type { CapturedMailSummary } from '#services/mail/captured_mails'
import type { InertiaProps } from '~/types'

type Mail = CapturedMailSummary & { url: string }

type Props = InertiaProps<{ mails: Mail[] }>

const COLUMNS: Column<Mail>[] = [
  { key: 'date', label: 'When (UTC)', render: (m) => <time dateTime={m.date}>{m.date.replace('T', ' ').slice(0, 19)}</time> },
  { key: 'to', label: 'To', render: (m) => m.to.join(', ') },
  { key: 'subject', label: 'Subject', render: (m) => <Link href={m.url}>{m.subject || '(no subject)'}</Link> },
]

/** Development only: the mails captured under tmp/mail/ (MAIL_MAILER=capture), newest first */
export default function DevMailIndex({ mails }: Props) {
  return (
    <BackofficeLayout>
      <Head title="Captured mail" />
      <PageHeader
        title="Captured mail"
        description="Development only: with MAIL_MAILER=capture nothing is sent; every mail is kept as a JSON file under tmp/mail/."
      />
      <section className="card">
        <DataTable columns={COLUMNS} rows={mails} rowKey={(m) => m.id} empty="No mail captured yet." caption="Captured mail" />
      </section>
    </BackofficeLayout>
  )
}
