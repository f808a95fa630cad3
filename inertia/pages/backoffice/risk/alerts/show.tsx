import { Head, Link } from '@inertiajs/react'
import BackofficeLayout from '~/layouts/backoffice_layout'
import PageHeader from '~/components/page_header'
import ActivityPanel from '~/components/customers/activity_panel'
import AlertSummaryPanel from '~/components/risk/alert_summary_panel'
import AlertRulesPanel from '~/components/risk/alert_rules_panel'
import AlertActivityPanel from '~/components/risk/alert_activity_panel'
import AlertActionsPanel from '~/components/risk/alert_actions_panel'
import type { AlertPageProps } from '~/components/risk/alert_types'
import type { InertiaProps } from '~/types'

type Props = InertiaProps<AlertPageProps>

/** One alert: what fired and why, what it is about, its history, the actions, and the customer's recent activity beside it */
export default function RiskAlertShow(props: Props) {
  const { alert, account, heldPayment, activity, recentActivity, can, urls, errors } = props
  return (
    <BackofficeLayout>
      <Head title={`Alert #${alert.id}`} />
      <PageHeader
        title={`Alert #${alert.id}: ${alert.typologyName}`}
        description={`Score ${alert.score}, ${alert.severity} severity, ${alert.status}, raised ${alert.age} ago.`}
        actions={<Link className="btn btn-secondary" href={urls.index}>Back to the queue</Link>}
      />
      <div className="grid grid-2">
        <div className="stack">
          <AlertSummaryPanel alert={alert} account={account} heldPayment={heldPayment} urls={urls} />
          <AlertRulesPanel alert={alert} />
          <AlertActionsPanel {...props} errors={errors} />
          <AlertActivityPanel activity={activity} canNote={can.note} noteUrl={urls.note} errors={errors} />
        </div>
        <ActivityPanel activity={recentActivity} />
      </div>
    </BackofficeLayout>
  )
}
