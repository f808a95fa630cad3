import db from '@adonisjs/lucid/services/db'
import paymentsConfig from '#config/payments'
import { Money } from '#domain/money/money'
import { policyFor } from '#domain/payments/payment_rules'

export interface PaymentLimitRow {
  currency: string
  single: { amount: string; currency: string }
  daily: { amount: string; currency: string }
  source: 'default' | 'override'
  paidToday: { amount: string; currency: string }
  pendingRaiseApprovalId: string | null
}

/**
 * The "Payment limits" section of a customer page: for each currency of
 * the customer's accounts (and any override), the limits in force and
 * where they come from, what was paid today (UTC) and a pending raise.
 */
export default class ShowPaymentLimits {
  async handle(customerId: number): Promise<PaymentLimitRow[]> {
    const [accounts, overrides, totals, pending] = await Promise.all([
      db.from('accounts').where('customer_id', customerId).distinct('currency'),
      db.from('customer_payment_limits').where('customer_id', customerId),
      db.from('payment_daily_totals').where('customer_id', customerId).whereRaw(`day = (now() at time zone 'UTC')::date`),
      db
        .from('approvals')
        .where({ kind: 'customers.payment_limits', status: 'pending', subject_type: 'customer', subject_id: String(customerId) })
        .orderBy('id', 'desc')
        .select('id', 'payload'),
    ])
    const currencies = new Set<string>([...accounts, ...overrides].map((r) => String(r.currency).trim()))
    return [...currencies].sort().map((currency) => {
      const override = overrides.find((o) => String(o.currency).trim() === currency)
      const limits = override
        ? { single: BigInt(override.single_limit), daily: BigInt(override.daily_limit) }
        : policyFor(paymentsConfig, currency)
      const paid = totals.find((t) => String(t.currency).trim() === currency)
      const raise = pending.find((a) => a.payload?.currency === currency)
      const money = (minor: bigint) => Money.of(minor, currency).toJSON()
      return {
        currency,
        single: money(limits.single),
        daily: money(limits.daily),
        source: override ? 'override' : 'default',
        paidToday: money(paid ? BigInt(paid.total) : 0n),
        pendingRaiseApprovalId: raise ? String(raise.id) : null,
      }
    })
  }
}
