import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import type RiskAlert from '#models/risk_alert'
import RiskPolicy from '#policies/risk_policy'
import AlertQueries, { pendingHoldSettlement } from '#queries/risk/alert_queries'
import CustomerActivityQueries from '#queries/customers/customer_activity_queries'
import RiskAlertTransformer from '#transformers/risk_alert_transformer'
import RiskAlertActivityTransformer from '#transformers/risk_alert_activity_transformer'
import CustomerActivityTransformer from '#transformers/customer_activity_transformer'
import { alertStepAllowed } from '#domain/risk/alert_status'
import fourEyesConfig from '#config/four_eyes'

const url = (name: string, params: Record<string, unknown> = {}) => router.urlBuilder.urlFor(name as any, params as any)

/** Every URL the alert page posts to or links to */
export function riskAlertUrls(alert: RiskAlert) {
  const id = { id: Number(alert.id) }
  return {
    index: url('backoffice.risk.alerts.index'),
    assign: url('backoffice.risk.alerts.assign', id),
    note: url('backoffice.risk.alerts.note', id),
    dismiss: url('backoffice.risk.alerts.dismiss', id),
    confirm: url('backoffice.risk.alerts.confirm', id),
    escalate: url('backoffice.risk.alerts.escalate', id),
    freeze: url('backoffice.risk.alerts.freeze', id),
    unfreeze: url('backoffice.risk.alerts.unfreeze', id),
    settleHold: url('backoffice.risk.alerts.settle_hold', id),
    customer: url('backoffice.customers.show', { id: Number(alert.customerId) }),
    account: alert.accountId ? url('backoffice.accounts.show', { id: alert.accountId }) : null,
    transaction: alert.transactionId ? url('backoffice.transactions.show', { id: alert.transactionId }) : null,
  }
}

/**
 * Props of backoffice/risk/alerts/show: the alert and its history, what
 * it is about (account, held payment), the customer's recent activity
 * beside it, who it can be assigned to, `can` flags from RiskPolicy and
 * the alert's status (#domain/risk/alert_status), and every URL.
 */
export async function riskAlertPageProps({ bouncer, auth, containerResolver }: HttpContext, alert: RiskAlert) {
  const queries = await containerResolver.make(AlertQueries)
  const activity = await containerResolver.make(CustomerActivityQueries)
  const policy = bouncer.with(RiskPolicy)
  const work = await policy.allows('workAlerts')
  const settle = await policy.allows('settleHolds')
  const account = alert.accountId ? await queries.account(alert.accountId) : null
  const heldPayment = alert.heldPaymentId ? await queries.heldPayment(alert.heldPaymentId) : null
  const pending = heldPayment?.status === 'held' ? await pendingHoldSettlement(Number(alert.id)) : null
  const allowed = (step: Parameters<typeof alertStepAllowed>[1]) => work && alertStepAllowed(alert.status, step)
  return {
    alert: RiskAlertTransformer.transform(alert).useVariant('forDetail'),
    activity: RiskAlertActivityTransformer.transform(alert.activity),
    recentActivity: CustomerActivityTransformer.transform(await activity.recentEntries(Number(alert.customerId), 10)),
    account,
    heldPayment,
    pendingSettlement: pending ? { id: Number(pending.id), summary: pending.summary, url: url('backoffice.approvals.show', { id: Number(pending.id) }) } : null,
    fourEyesLimit: fourEyesConfig.postingLimit,
    assignees: work ? await queries.assignees() : [],
    me: Number(auth.use('web').getUserOrFail().id),
    /** a resubmitted hold form files one four-eyes request, not two */
    holdKey: randomUUID(),
    can: {
      assign: allowed('assign'),
      note: work,
      dismiss: allowed('dismiss'),
      confirm: allowed('confirm'),
      escalate: allowed('escalate'),
      freeze: allowed('freeze') && account?.status === 'active',
      unfreeze: allowed('unfreeze') && account?.status === 'frozen',
      settleHold: settle && alertStepAllowed(alert.status, 'settle_hold') && heldPayment?.status === 'held' && !pending,
    },
    urls: riskAlertUrls(alert),
  }
}
