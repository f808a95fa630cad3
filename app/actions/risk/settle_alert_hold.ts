import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import fourEyesConfig from '#config/four_eyes'
import type Approval from '#models/approval'
import RiskAlert from '#models/risk_alert'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import SettleHeldPayment from '#actions/risk/settle_held_payment'
import type { RequestContext } from '#domain/audit/actor'
import { Money } from '#domain/money/money'
import { exceedsPostingLimit } from '#domain/ledger/posting_limit'
import { alertStepAllowed } from '#domain/risk/alert_status'
import AlertQueries from '#queries/risk/alert_queries'
import { lockAlert, recordAlertActivity } from '#actions/risk/alert_activity'
import AlertStepRefusedException from '#exceptions/alert_step_refused_exception'
import AlertSubjectMissingException from '#exceptions/alert_subject_missing_exception'
import HeldPaymentSettledException from '#exceptions/held_payment_settled_exception'

export type HoldOutcome = 'capture' | 'release'

export interface SettleAlertHoldInput {
  alertId: number
  outcome: HoldOutcome
  reason?: string | null
  /** From the form: a resubmitted four-eyes request files one approval */
  idempotencyKey: string
  staff: StaffUser
  context: RequestContext
}

export type SettleAlertHoldResult = { settled: true; approval: null } | { settled: false; approval: Approval }

/**
 * Captures (the payment goes ahead to its payee) or releases (cancelled)
 * the payment an alert held, through SettleHeldPayment. Above the
 * four-eyes posting limit (config/four_eyes.ts), either way, it files a
 * 'risk.hold_settlement' approval instead: a second staff member decides
 * (ApprovedAlertHoldSettlement runs it then). The alert's history notes
 * both; a settlement below the limit and its activity line share one
 * transaction. Throws: AlertSubjectMissing, AlertStepRefused,
 * HeldPaymentSettled, and what SettleHeldPayment throws.
 */
@inject()
export default class SettleAlertHold {
  constructor(
    private settleHeldPayment: SettleHeldPayment,
    private requestApproval: RequestApproval,
    private queries: AlertQueries
  ) {}

  async handle(input: SettleAlertHoldInput): Promise<SettleAlertHoldResult> {
    const alert = await RiskAlert.findOrFail(input.alertId)
    if (!alert.heldPaymentId) throw new AlertSubjectMissingException('held payment')
    if (!alertStepAllowed(alert.status, 'settle_hold')) throw new AlertStepRefusedException(alert.status, 'settle_hold')
    const held = await this.queries.heldPayment(alert.heldPaymentId)
    if (!held || held.status !== 'held') throw new HeldPaymentSettledException()
    const amount = Money.fromDecimal(held.amount.amount, held.amount.currency)

    if (exceedsPostingLimit(amount, fourEyesConfig.postingLimit)) {
      return db.transaction(async (trx) => {
        const { approval, replayed } = await this.requestApproval.handle({
          kind: 'risk.hold_settlement',
          summary: `${input.outcome === 'capture' ? 'Capture' : 'Release'} held payment #${held.id} (${amount.toDecimalString()} ${amount.currency}) of alert #${alert.id}`,
          payload: { alertId: alert.id, heldPaymentId: held.id, outcome: input.outcome, reason: input.reason ?? null },
          subject: { type: 'risk_alert', id: alert.id },
          maker: input.staff,
          makerReason: input.reason ?? null,
          idempotencyKey: input.idempotencyKey,
          context: input.context,
          trx,
        })
        if (!replayed) {
          await noteSettlement(trx, alert.id, input, 'hold.settlement_requested', { approval_id: String(approval.id) })
        }
        return { settled: false as const, approval }
      })
    }

    return db.transaction(async (trx) => {
      const settled = await this.settleHeldPayment.handle({
        heldPaymentId: held.id,
        outcome: input.outcome,
        actor: { type: 'staff', id: input.staff.id },
        context: input.context,
        trx,
      })
      const details = settled.transactionId ? { transaction_id: String(settled.transactionId) } : {}
      await noteSettlement(trx, alert.id, input, settledAction(input.outcome), details)
      return { settled: true as const, approval: null }
    })
  }
}

export function settledAction(outcome: HoldOutcome) {
  return outcome === 'capture' ? 'hold.captured' : 'hold.released'
}

/** The alert's activity line (and audit row) of a settlement or its request */
export async function noteSettlement(
  trx: TransactionClientContract,
  alertId: number,
  input: { outcome: HoldOutcome; reason?: string | null; staff: StaffUser; context: RequestContext },
  action: string,
  details: Record<string, unknown> = {}
) {
  const alert = await lockAlert(trx, alertId, 'note')
  await recordAlertActivity(trx, {
    alert,
    staff: input.staff,
    action,
    note: input.reason ?? null,
    details: { held_payment_id: String(alert.heldPaymentId), outcome: input.outcome, ...details },
    context: input.context,
  })
}
