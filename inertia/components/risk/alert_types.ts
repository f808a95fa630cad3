import type { riskAlertPageProps } from '#controllers/backoffice/risk_alert_page_props'
import type { PropsOf } from '~/types'

/** Exactly what `riskAlertPageProps()` builds on the server */
export type AlertPageProps = PropsOf<typeof riskAlertPageProps>
