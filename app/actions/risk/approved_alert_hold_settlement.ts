import { inject } from '@adonisjs/core'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import SettleHeldPayment from '#actions/risk/settle_held_payment'
import { type HoldOutcome, noteSettlement, settledAction } from '#actions/risk/settle_alert_hold'

/**
 * 'risk.hold_settlement' approved: captures or releases the held payment
 * in the approval's transaction (booked in the maker's name), and notes it
 * on the alert's history with the checker and the approval.
 */
@inject()
export default class ApprovedAlertHoldSettlement implements ApprovalHandler {
  constructor(private settleHeldPayment: SettleHeldPayment) {}

  async execute({ approval, maker, checker, trx, context }: ApprovalExecution): Promise<Record<string, unknown>> {
    const payload = approval.payload as { alertId: number; heldPaymentId: number; outcome: HoldOutcome; reason: string | null }
    await this.settleHeldPayment.handle({
      heldPaymentId: Number(payload.heldPaymentId),
      outcome: payload.outcome,
      actor: { type: 'staff', id: maker.id },
      context,
      trx,
    })
    await noteSettlement(
      trx,
      Number(payload.alertId),
      { outcome: payload.outcome, reason: payload.reason, staff: checker, context },
      settledAction(payload.outcome),
      { approval_id: String(approval.id), maker_id: String(maker.id) }
    )
    return { alertId: Number(payload.alertId), heldPaymentId: Number(payload.heldPaymentId), outcome: payload.outcome }
  }
}
