import { inject } from '@adonisjs/core'
import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import ApplyPaymentLimits from '#actions/payments/apply_payment_limits'
import PaymentLimitsChangedMeanwhileException from '#exceptions/payment_limits_changed_meanwhile_exception'

/**
 * Runs an approved 'customers.payment_limits' raise ({customerId, currency,
 * fromSingleMinor ... toDailyMinor}) in the approval's transaction:
 * the limits in force must still be the `from` ones, then the override is
 * written and 'customer.payment_limits.raised' audited in the maker's name,
 * approved by the checker.
 * Throws: PaymentLimitsChangedMeanwhile (the approval stays pending).
 */
@inject()
export default class ApprovedPaymentLimits implements ApprovalHandler {
  constructor(private limits: ApplyPaymentLimits) {}

  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const payload = approval.payload as Record<string, string | number>
    const customerId = Number(payload.customerId)
    const currency = String(payload.currency)
    const current = await this.limits.current(trx, customerId, currency)
    if (current.single.toString() !== String(payload.fromSingleMinor) || current.daily.toString() !== String(payload.fromDailyMinor)) {
      throw new PaymentLimitsChangedMeanwhileException()
    }
    const next = { single: BigInt(payload.toSingleMinor), daily: BigInt(payload.toDailyMinor) }
    await this.limits.apply({
      trx, customerId, currency, before: current, limits: next, staffId: maker.id,
      action: 'customer.payment_limits.raised',
      metadata: { approval_id: String(approval.id), approved_by: String(checker.id) },
      context,
    })
    return { customerId, currency, singleMinor: next.single.toString(), dailyMinor: next.daily.toString() }
  }
}
