import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Customer from '#models/customer'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import ApplyPaymentLimits from '#actions/payments/apply_payment_limits'
import { Money } from '#domain/money/money'
import { classifyLimitChange } from '#domain/payments/payment_rules'
import type { RequestContext } from '#domain/audit/actor'
import CustomerNotFoundException from '#exceptions/customer_not_found_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import PaymentLimitsUnchangedException from '#exceptions/payment_limits_unchanged_exception'

/**
 * Staff set a customer's payment limits in one currency. Lowering (no
 * limit goes up) applies at once, audited 'customer.payment_limits.lowered';
 * raising either limit files a 'customers.payment_limits' four-eyes
 * request that another staff member with approvals.decide_money approves
 * (ApprovedPaymentLimits). Idempotent per maker and key.
 * Throws: CustomerNotFound, InvalidAmount (single above daily), PaymentLimitsUnchanged.
 */
@inject()
export default class ChangePaymentLimits {
  constructor(
    private limits: ApplyPaymentLimits,
    private requestApproval: RequestApproval
  ) {}

  async handle(input: {
    customerId: number
    currency: string
    single: Money
    daily: Money
    reason?: string | null
    idempotencyKey: string
    staff: StaffUser
    context: RequestContext
  }): Promise<{ applied: true } | { applied: false; approvalId: number }> {
    const customer = await Customer.find(input.customerId)
    if (!customer) throw new CustomerNotFoundException()
    const next = { single: input.single.minor, daily: input.daily.minor }
    if (next.single > next.daily) throw new InvalidAmountException('The single-payment limit cannot be above the daily limit.')

    return db.transaction(async (trx) => {
      const current = await this.limits.current(trx, customer.id, input.currency)
      const change = classifyLimitChange(current, next)
      if (change === 'unchanged') throw new PaymentLimitsUnchangedException()
      if (change === 'lower') {
        await this.limits.apply({
          trx, customerId: customer.id, currency: input.currency, before: current, limits: next,
          staffId: input.staff.id, action: 'customer.payment_limits.lowered',
          metadata: input.reason ? { reason: input.reason } : {}, context: input.context,
        })
        return { applied: true as const }
      }
      const show = (minor: bigint) => Money.of(minor, input.currency).toDecimalString()
      const { approval } = await this.requestApproval.handle({
        kind: 'customers.payment_limits',
        summary: `Raise payment limits of customer ${customer.customerNumber} in ${input.currency}: single ${show(current.single)} → ${show(next.single)}, daily ${show(current.daily)} → ${show(next.daily)}`,
        payload: {
          customerId: customer.id,
          currency: input.currency,
          fromSingleMinor: current.single.toString(),
          fromDailyMinor: current.daily.toString(),
          toSingleMinor: next.single.toString(),
          toDailyMinor: next.daily.toString(),
        },
        subject: { type: 'customer', id: customer.id },
        maker: input.staff,
        makerReason: input.reason ?? null,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
        trx,
      })
      return { applied: false as const, approvalId: Number(approval.id) }
    })
  }
}
