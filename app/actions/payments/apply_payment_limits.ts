import { inject } from '@adonisjs/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import paymentsConfig from '#config/payments'
import { effectiveLimits, policyFor, type LimitPair } from '#domain/payments/payment_rules'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import NotifyCustomer from '#actions/notifications/notify_customer'

const minor = (limits: LimitPair) => ({ single_minor: limits.single.toString(), daily_minor: limits.daily.toString() })

/**
 * The payment-limit overrides of one customer and currency, inside the
 * caller's transaction: `current` locks the override row and returns the
 * limits in force (override, else the configured default); `apply` writes
 * the new override, its audit row and the customer's
 * 'payment_limit_changed' notification (enqueued in the same transaction).
 */
@inject()
export default class ApplyPaymentLimits {
  constructor(private notify: NotifyCustomer) {}

  async current(trx: TransactionClientContract, customerId: number, currency: string): Promise<LimitPair> {
    const row = await trx
      .from('customer_payment_limits')
      .where({ customer_id: customerId, currency })
      .forUpdate()
      .first()
    return effectiveLimits(
      policyFor(paymentsConfig, currency),
      row ? { single: BigInt(row.single_limit), daily: BigInt(row.daily_limit) } : null
    )
  }

  async apply(input: {
    trx: TransactionClientContract
    customerId: number
    currency: string
    before: LimitPair
    limits: LimitPair
    staffId: number
    action: 'customer.payment_limits.lowered' | 'customer.payment_limits.raised'
    metadata?: Record<string, unknown>
    context: RequestContext
  }) {
    const { trx, customerId, currency, limits } = input
    await trx
      .insertQuery()
      .table('customer_payment_limits')
      .insert({
        customer_id: customerId,
        currency,
        single_limit: limits.single.toString(),
        daily_limit: limits.daily.toString(),
        updated_by: input.staffId,
        updated_at: new Date(),
      })
      .onConflict(['customer_id', 'currency'])
      .merge(['single_limit', 'daily_limit', 'updated_by', 'updated_at'])
    const auditId = await AuditTrail.record(
      {
        actor: { type: 'staff', id: input.staffId },
        action: input.action,
        subject: { type: 'customer', id: customerId },
        before: { currency, ...minor(input.before) },
        after: { currency, ...minor(limits) },
        metadata: input.metadata ?? {},
        ...input.context,
      },
      trx
    )
    await this.notify.handle({
      trx, customerId, event: 'payment_limit_changed', dedupeKey: String(auditId),
      data: { currency, singleMinor: limits.single.toString(), dailyMinor: limits.daily.toString() },
    })
  }
}
