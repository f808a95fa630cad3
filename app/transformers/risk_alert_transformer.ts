import { BaseTransformer } from '@adonisjs/core/transformers'
import router from '@adonisjs/core/services/router'
import type RiskAlert from '#models/risk_alert'
import type StaffUser from '#models/staff_user'
import { alertAge, isClosedStatus } from '#domain/risk/alert_status'
import { RULE_IDS } from '#domain/risk/rule_types'

const person = (staff: StaffUser | null | undefined) =>
  staff ? { id: Number(staff.id), fullName: staff.fullName, email: staff.email } : null

/** 'amount_vs_pattern' → 'Amount vs pattern' */
export function ruleLabel(rule: string): string {
  const words = rule.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A row of the compliance queue (assignee and customer preloaded) */
export default class RiskAlertTransformer extends BaseTransformer<RiskAlert> {
  toObject() {
    const a = this.resource
    return {
      id: Number(a.id),
      typologyId: a.typologyId,
      typologyName: a.typologyName,
      typologyKind: a.typologyKind,
      score: a.score,
      severity: a.severity,
      status: a.status,
      closed: isClosedStatus(a.status),
      customer: a.customer ? { id: Number(a.customer.id), fullName: a.customer.fullName, number: a.customer.customerNumber } : null,
      assignee: person(a.assignee),
      createdAt: a.createdAt.toISO(),
      age: alertAge(a.createdAt.toJSDate()),
      url: router.urlBuilder.urlFor('backoffice.risk.alerts.show', { id: Number(a.id) }),
    }
  }

  /** The alert page: fired rules with their reasons, the events, the subject ids */
  forDetail() {
    const a = this.resource
    const order = (rule: string) => RULE_IDS.indexOf(rule as (typeof RULE_IDS)[number])
    return {
      ...this.toObject(),
      configurationVersion: a.configurationVersion,
      rules: [...(a.rules ?? [])]
        .sort((x, y) => order(x.rule) - order(y.rule))
        .map((outcome) => ({ rule: outcome.rule, label: ruleLabel(outcome.rule), band: outcome.band, reasons: outcome.reasons })),
      events: (a.events ?? []).map((event) => ({
        kind: event.kind,
        at: event.at,
        accountId: event.accountId,
        amount: event.amount,
        payeeAccountId: event.payeeAccountId,
        channel: event.channel,
      })),
      subject: {
        customerId: Number(a.customerId),
        accountId: a.accountId,
        transactionId: a.transactionId,
        heldPaymentId: a.heldPaymentId,
      },
      closedAt: a.closedAt?.toISO() ?? null,
      updatedAt: a.updatedAt.toISO(),
    }
  }
}
