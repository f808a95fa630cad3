import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditTrail from '#services/audit/audit_trail'
import { type Actor, NO_REQUEST, type RequestContext } from '#domain/audit/actor'
import type { RiskAssessment } from '#domain/risk/assess_risk'
import type { RiskEvent } from '#domain/risk/risk_event'
import { alertSeverity } from '#domain/risk/alert_status'
import type { StoredRiskEvent } from '#models/risk_alert'

export interface RaiseAlertInput {
  /** The caller's transaction (the payment's, on the posting path); without it RaiseAlert opens one */
  trx?: TransactionClientContract
  assessment: Pick<RiskAssessment, 'typologies' | 'decision' | 'severity' | 'configurationVersion'>
  /** The event assessed; `related` adds the other events behind the alert (e.g. the burst of failed logins) */
  event: RiskEvent
  related?: RiskEvent[]
  subject: { customerId: number; accountId?: number | null; transactionId?: number | null; heldPaymentId?: number | null }
  /** Unique per assessed event ('transfer:<idempotency key>', 'scan:<tx id>'); each alert's is `${dedupeKey}:${typologyId}` */
  dedupeKey: string
  /** Default: the system (the rules) */
  actor?: Actor
  context?: RequestContext
}

export interface RaisedAlert {
  id: number
  typologyId: string
  /** false: an alert with this dedupe key already existed (a replay, a re-scan) */
  raised: boolean
}

const RULES_ACTOR: Actor = { type: 'system', id: 'risk' }

/** An event as jsonb: ISO date, money as its decimal and currency (never a float) */
export function storedEvent(event: RiskEvent): StoredRiskEvent {
  return {
    kind: event.kind,
    at: event.at.toISOString(),
    customerId: event.customerId,
    accountId: event.accountId,
    amount: event.amount ? event.amount.toJSON() : null,
    payeeAccountId: event.payeeAccountId,
    channel: event.channel,
  }
}

/**
 * One alert per typology that alerted (status open), with the rules that
 * fired and their reasons, the events and the configuration version, and
 * for each new alert an activity line ('raised') and an audit row
 * (risk.alert.raised), all in the caller's transaction. Idempotent: the
 * same dedupe key raises nothing twice (INSERT … ON CONFLICT DO NOTHING),
 * so a replayed payment or a re-run of risk:scan leaves the queue as it
 * was. An assessment with no alerting typology writes nothing.
 */
export default class RaiseAlert {
  async handle(input: RaiseAlertInput): Promise<RaisedAlert[]> {
    const alerting = input.assessment.typologies.filter((typology) => typology.alert)
    if (alerting.length === 0) return []
    const run = async (trx: TransactionClientContract) => {
      const events = JSON.stringify([input.event, ...(input.related ?? [])].map(storedEvent))
      const raised: RaisedAlert[] = []
      for (const typology of alerting) {
        const dedupeKey = `${input.dedupeKey}:${typology.id}`
        const { rows } = await trx.rawQuery(
          `insert into risk_alerts (typology_id, typology_name, typology_kind, score, severity, configuration_version,
                                    customer_id, account_id, transaction_id, held_payment_id, rules, events, dedupe_key)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
           on conflict (dedupe_key) do nothing
           returning id`,
          [
            typology.id, typology.name, typology.kind, typology.score, alertSeverity(typology, input.assessment),
            input.assessment.configurationVersion, input.subject.customerId, input.subject.accountId ?? null,
            input.subject.transactionId ?? null, input.subject.heldPaymentId ?? null, JSON.stringify(typology.fired),
            events, dedupeKey,
          ] as any[]
        )
        if (rows.length === 0) {
          const existing = await trx.from('risk_alerts').where('dedupe_key', dedupeKey).select('id').firstOrFail()
          raised.push({ id: Number(existing.id), typologyId: typology.id, raised: false })
          continue
        }
        const id = Number(rows[0].id)
        await trx.table('risk_alert_activity').insert({ alert_id: id, staff_id: null, action: 'raised' })
        await AuditTrail.record(
          {
            actor: input.actor ?? RULES_ACTOR,
            action: 'risk.alert.raised',
            subject: { type: 'risk_alert', id },
            after: { typology: typology.id, score: typology.score, status: 'open' },
            metadata: { customer_id: String(input.subject.customerId), decision: input.assessment.decision },
            ...(input.context ?? NO_REQUEST),
          },
          trx
        )
        raised.push({ id, typologyId: typology.id, raised: true })
      }
      return raised
    }
    return input.trx ? run(input.trx) : db.transaction(run)
  }
}
