import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import type { CapturedMail } from '#services/mail/capture_transport'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<{ mail: CapturedMail; urls: { index: string } }>

/**
 * One captured mail. The HTML is shown in an iframe whose sandbox allows
 * no scripts, no forms and no access to this page's origin; links open in
 * a new tab (the <base> below), and the page's CSP still applies to it.
 */
export default function DevMailShow({ mail, urls }: Props) {
  return (
    <BackofficeLayout>
      <Head title={mail.subject || 'Captured mail'} />
      <PageHeader
        title={mail.subject || '(no subject)'}
        description="Captured, not sent (development only)"
        actions={<Link className="btn btn-secondary" href={urls.index}>Back to captured mail</Link>}
      />
      <section className="card">
        <dl className="details">
          <dt>When (UTC)</dt>
          <dd><time dateTime={mail.date}>{mail.date}</time></dd>
          <dt>From</dt>
          <dd>{mail.from ?? '—'}</dd>
          <dt>To</dt>
          <dd>{mail.to.join(', ') || '—'}</dd>
          {mail.cc.length > 0 && (<><dt>Cc</dt><dd>{mail.cc.join(', ')}</dd></>)}
          {mail.bcc.length > 0 && (<><dt>Bcc</dt><dd>{mail.bcc.join(', ')}</dd></>)}
        </dl>
      </section>
      <section className="card">
        <div className="card-header"><h2>HTML</h2></div>
        <div className="card-body">
          {mail.html ? (
            <iframe
              title="HTML body"
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              referrerPolicy="no-referrer"
              srcDoc={`<base target="_blank">${mail.html}`}
              style={{ width: '100%', minHeight: '24rem', border: '1px solid var(--border, #ddd)', background: '#fff' }}
            />
          ) : (
            <p>No HTML part.</p>
          )}
        </div>
      </section>
      <section className="card">
        <div className="card-header"><h2>Text</h2></div>
        <div className="card-body"><pre className="json">{mail.text ?? 'No text part.'}</pre></div>
      </section>
    </BackofficeLayout>
  )
}
