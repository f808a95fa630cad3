import type { partnerPageProps } from '#controllers/backoffice/partner_page_props'
import type { PropsOf } from '~/types'

/** Exactly what `partnerPageProps()` builds on the server */
export type PartnerPageProps = PropsOf<typeof partnerPageProps>

export type PartnerConsentRow = PartnerPageProps['consents']['data'][number]
