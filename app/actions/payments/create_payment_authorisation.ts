import db from '@adonisjs/lucid/services/db'
import paymentsConfig from '#config/payments'
import { Money } from '#domain/money/money'
import { checkPaymentLimits, effectiveLimits, policyFor } from '#domain/payments/payment_rules'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { limitExceeded } from '#services/ledger/payment_errors'
import AccountNotFoundException from '#exceptions/account_not_found_exception'
import CurrencyMismatchException from '#exceptions/currency_mismatch_exception'
import InvalidAmountException from '#exceptions/invalid_amount_exception'
import SameAccountException from '#exceptions/same_account_exception'
import { isDepositAccount } from '#domain/ledger/account_kinds'

export interface PaymentAuthorisationRecord {
  id: string
  debtorAccountId: number
  creditorAccountId: number
  creditorAccountNumber: string
  amount: Money
  createdAt: Date
  expiresAt: Date
}

/**
 * Step one of dynamic linking: records the exact payment (the customer's
 * debtor account, the payee, amount and currency) that one fresh TOTP code
 * may approve within PAYMENT_AUTHORISATION_TTL_SECONDS. A payment the
 * limits would refuse gets no authorisation (the posting checks again).
 * Audited as 'payment.authorisation.created'.
 * Throws: InvalidAmount, AccountNotFound, SameAccount, CurrencyMismatch, LimitExceeded.
 */
export default class CreatePaymentAuthorisation {
  async handle(input: {
    customerId: number
    debtorAccountId: number
    creditor: { accountId: number } | { accountNumber: string }
    amount: Money
    context: RequestContext
  }): Promise<PaymentAuthorisationRecord> {
    const { amount } = input
    if (!amount.isPositive()) throw new InvalidAmountException()
    return db.transaction(async (trx) => {
      const debtor = await trx.from('accounts').where('id', input.debtorAccountId).first()
      if (!debtor || !isDepositAccount(debtor.kind) || Number(debtor.customer_id) !== input.customerId) {
        throw new AccountNotFoundException('debtor account not found')
      }
      const creditor = await trx
        .from('accounts')
        .where(...('accountId' in input.creditor ? ['id', input.creditor.accountId] : ['number', input.creditor.accountNumber]) as [string, any])
        .first()
      if (!creditor || !isDepositAccount(creditor.kind)) throw new AccountNotFoundException('creditor account not found')
      if (Number(creditor.id) === Number(debtor.id)) throw new SameAccountException()
      if (debtor.currency.trim() !== amount.currency || creditor.currency.trim() !== amount.currency) {
        throw new CurrencyMismatchException()
      }

      const override = await trx.from('customer_payment_limits').where({ customer_id: input.customerId, currency: amount.currency }).first()
      const paid = await trx
        .from('payment_daily_totals')
        .where({ customer_id: input.customerId, currency: amount.currency })
        .whereRaw(`day = (now() at time zone 'UTC')::date`)
        .first()
      const limits = effectiveLimits(
        policyFor(paymentsConfig, amount.currency),
        override ? { single: BigInt(override.single_limit), daily: BigInt(override.daily_limit) } : null
      )
      const check = checkPaymentLimits({ amount: amount.minor, limits, paidToday: paid ? BigInt(paid.total) : 0n })
      if (!check.ok) throw limitExceeded(check.limit, amount.currency, check.limitMinor, check.remainingMinor)

      const [row] = await trx
        .insertQuery()
        .table('payment_authorisations')
        .insert({
          customer_id: input.customerId,
          debtor_account_id: debtor.id,
          creditor_account_id: creditor.id,
          amount: amount.toMinorString(),
          currency: amount.currency,
          expires_at: trx.raw(`now() + make_interval(secs => ?)`, [paymentsConfig.authorisationTtlSeconds]),
        })
        .returning(['id', 'created_at', 'expires_at'])
      const record: PaymentAuthorisationRecord = {
        id: row.id,
        debtorAccountId: Number(debtor.id),
        creditorAccountId: Number(creditor.id),
        creditorAccountNumber: creditor.number,
        amount,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
      }
      await AuditTrail.record(
        {
          actor: { type: 'customer', id: input.customerId },
          action: 'payment.authorisation.created',
          subject: { type: 'payment_authorisation', id: record.id },
          after: {
            debtor_account_id: String(record.debtorAccountId),
            creditor_account_id: String(record.creditorAccountId),
            amount: amount.toMinorString(),
            currency: amount.currency,
            expires_at: record.expiresAt.toISOString(),
          },
          ...input.context,
        },
        trx
      )
      return record
    })
  }
}
