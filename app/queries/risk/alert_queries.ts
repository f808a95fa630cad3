import db from '@adonisjs/lucid/services/db'
import Account from '#models/account'
import Approval from '#models/approval'
import RiskAlert from '#models/risk_alert'
import StaffUser from '#models/staff_user'
import { Money } from '#domain/money/money'
import { PERMISSION_MATRIX } from '#domain/staff/permissions'
import { ALERT_AGE_FILTERS, type AlertAgeFilter, type AlertSeverity, type AlertStatus } from '#domain/risk/alert_status'

/** 'active': open or investigating (the default tab of the queue); 'all': every status */
export type AlertStatusFilter = AlertStatus | 'active' | 'all'

export interface AlertListQuery {
  status: AlertStatusFilter
  severity?: AlertSeverity
  typology?: string
  /** a staff id, or 'unassigned' */
  assignee?: number | 'unassigned'
  /** only alerts older than this */
  age?: AlertAgeFilter
  /** priority: oldest-high-first (severity desc, created_at asc) */
  sort: 'priority' | 'created_at' | 'score'
  direction: 'asc' | 'desc'
  page: number
  perPage: number
}

/** The rank the queue index orders by (migration 0620) */
const SEVERITY_RANK_SQL = "(case severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end)"

export interface HeldPaymentLine {
  id: number
  status: 'held' | 'captured' | 'released'
  amount: { amount: string; currency: string }
  debtorAccountId: number
  debtorAccountNumber: string
  creditorAccountId: number
  creditorAccountNumber: string
  reference: string | null
  createdAt: string
}

/** Reads of the compliance queue (writes go through the actions in app/actions/risk) */
export default class AlertQueries {
  /** One page of the queue, filtered, ordered and paginated in the database, with assignee and customer */
  async list(query: AlertListQuery) {
    const builder = RiskAlert.query().preload('assignee').preload('customer')
    if (query.status === 'active') builder.whereIn('status', ['open', 'investigating'])
    else if (query.status !== 'all') builder.where('status', query.status)
    if (query.severity) builder.where('severity', query.severity)
    if (query.typology) builder.where('typology_id', query.typology)
    if (query.assignee === 'unassigned') builder.whereNull('assignee_id')
    else if (query.assignee) builder.where('assignee_id', query.assignee)
    if (query.age) builder.whereRaw(`created_at < now() - interval '${ALERT_AGE_FILTERS[query.age]} hours'`)
    if (query.sort === 'priority') {
      const reverse = query.direction === 'desc'
      builder.orderByRaw(`${SEVERITY_RANK_SQL} ${reverse ? 'asc' : 'desc'}`).orderBy('created_at', reverse ? 'desc' : 'asc')
    } else {
      builder.orderBy(query.sort, query.direction)
    }
    return builder.orderBy('id', 'asc').paginate(query.page, query.perPage)
  }

  /** An alert with its assignee, customer and history (oldest first) */
  async find(id: number) {
    return RiskAlert.query()
      .where('id', id)
      .preload('assignee')
      .preload('customer')
      .preload('activity', (activity) => activity.preload('staff').orderBy('id', 'asc'))
      .firstOrFail()
  }

  /** The typologies that ever alerted, for the queue's filter */
  async typologies(): Promise<Array<{ value: string; label: string }>> {
    const rows = await db.from('risk_alerts').distinct('typology_id', 'typology_name').orderBy('typology_name')
    const seen = new Map<string, string>()
    for (const row of rows) if (!seen.has(row.typology_id)) seen.set(row.typology_id, row.typology_name)
    return [...seen].map(([value, label]) => ({ value, label }))
  }

  /** Active staff whose role may work alerts: who an alert can be assigned to */
  async assignees(): Promise<Array<{ id: number; fullName: string; email: string }>> {
    const staff = await StaffUser.query()
      .where('isActive', true)
      .whereIn('role', [...PERMISSION_MATRIX['risk.alerts.work'].roles])
      .orderBy('fullName')
    return staff.map((member) => ({ id: Number(member.id), fullName: member.fullName, email: member.email }))
  }

  /** The payment an alert held (risk_held_payments) with both account numbers; null when unknown */
  async heldPayment(id: number): Promise<HeldPaymentLine | null> {
    const row = await db
      .from('risk_held_payments as h')
      .join('accounts as d', 'd.id', 'h.debtor_account_id')
      .join('accounts as c', 'c.id', 'h.creditor_account_id')
      .where('h.id', id)
      .select('h.*', 'd.number as debtor_number', 'c.number as creditor_number')
      .first()
    if (!row) return null
    const currency = String(row.currency).trim()
    return {
      id: Number(row.id),
      status: row.status,
      amount: Money.fromMinorString(String(row.amount), currency).toJSON(),
      debtorAccountId: Number(row.debtor_account_id),
      debtorAccountNumber: row.debtor_number,
      creditorAccountId: Number(row.creditor_account_id),
      creditorAccountNumber: row.creditor_number,
      reference: row.reference,
      createdAt: new Date(row.created_at).toISOString(),
    }
  }

  /** The account an alert is about: number, status and balances as decimals */
  async account(id: number) {
    const account = await Account.find(id)
    if (!account) return null
    const currency = account.currency.trim()
    return {
      id: Number(account.id),
      number: account.number,
      status: account.status,
      balance: Money.of(account.balance, currency).toJSON(),
      available: Money.of(account.available, currency).toJSON(),
    }
  }
}

/** A four-eyes settlement of this alert's held payment still waiting for a checker */
export async function pendingHoldSettlement(alertId: number) {
  return Approval.query()
    .where({ kind: 'risk.hold_settlement', status: 'pending', subjectType: 'risk_alert', subjectId: String(alertId) })
    .orderBy('id', 'desc')
    .first()
}

/** How many alerts on the customer are still being worked (open or investigating): the loan assessment's risk check */
export async function openAlertCount(customerId: number): Promise<number> {
  const row = await db
    .from('risk_alerts')
    .where('customer_id', customerId)
    .whereIn('status', ['open', 'investigating'])
    .count('* as n')
    .first()
  return Number(row?.n ?? 0)
}
