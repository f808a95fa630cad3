import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import PartnerDetailsPanel from '~/components/partners/partner_details_panel'
import PartnerStatusPanel from '~/components/partners/partner_status_panel'
import PartnerConsentsPanel from '~/components/partners/partner_consents_panel'
import ConsentAccessLogPanel from '~/components/partners/consent_access_log_panel'
import type { PartnerPageProps } from '~/components/partners/partner_types'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<PartnerPageProps>

/** A partner: its registration, access (suspend / reactivate), its consents and the access log of the chosen one */
export default function PartnersShow(props: Props) {
  const { partner, consents, chosenConsent, accessLog, filters, permissionWording, can, urls } = props
  return (
    <BackofficeLayout>
      <Head title={partner.name} />
      <PageHeader
        title={partner.name}
        description={<span className="mono">{partner.clientId}</span>}
        actions={<Link className="btn btn-secondary" href={urls.index}>All partners</Link>}
      />
      <div className="grid grid-2">
        <PartnerDetailsPanel partner={partner} />
        <PartnerStatusPanel {...props} />
      </div>
      <PartnerConsentsPanel
        consents={consents}
        filters={filters}
        permissionWording={permissionWording}
        urls={urls}
        canRevoke={can.revokeConsent}
      />
      {chosenConsent && accessLog && <ConsentAccessLogPanel consent={chosenConsent} accessLog={accessLog} filters={filters} urls={urls} />}
    </BackofficeLayout>
  )
}
