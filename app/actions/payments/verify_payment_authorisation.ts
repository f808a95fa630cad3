import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import paymentsConfig from '#config/payments'
import { authorisationProblem, type AuthorisationProblem, type PaymentRequest } from '#domain/payments/payment_rules'
import { checkTotp } from '#services/auth/totp'
import { scaRequired } from '#services/ledger/payment_errors'
import InvalidOtpException from '#exceptions/invalid_otp_exception'

const PROBLEM_DETAIL: Record<AuthorisationProblem | 'unknown', string> = {
  unknown: 'The payment authorisation does not exist or is not yours',
  consumed: 'The payment authorisation was already used',
  expired: 'The payment authorisation has expired',
  too_many_attempts: 'The payment authorisation was locked after too many wrong one-time codes',
  debtor: 'The payment authorisation was given for another debtor account',
  payee: 'The payment authorisation was given for another payee',
  amount: 'The payment authorisation was given for another amount',
}

/**
 * Dynamic linking, inside the payment's transaction: the authorisation
 * (locked FOR UPDATE) must be the customer's, unused, unexpired and for
 * exactly this debtor, payee and amount; the code must be a TOTP code of
 * the customer's enrolled secret in a time step never used before (the
 * step is claimed here, so it rolls back with a refused payment).
 * payment_guard() consumes the authorisation in the same transaction.
 * Throws: ScaRequired (reason: unknown, consumed, expired, payee...), InvalidOtp.
 */
export default class VerifyPaymentAuthorisation {
  async handle(input: {
    trx: TransactionClientContract
    customerId: number
    sca: { authorisationId: string; otp: string }
    payment: PaymentRequest
  }) {
    const { trx, customerId, sca } = input
    const { rows } = await trx.rawQuery(
      `select p.*, c.number as creditor_number from payment_authorisations p
         join accounts c on c.id = p.creditor_account_id
        where p.id = ? and p.customer_id = ? for update of p`,
      [sca.authorisationId, customerId]
    )
    const row = rows[0]
    const problem: AuthorisationProblem | 'unknown' | null = row
      ? authorisationProblem(
          {
            debtorAccountId: Number(row.debtor_account_id),
            creditorAccountId: Number(row.creditor_account_id),
            creditorAccountNumber: row.creditor_number,
            amount: BigInt(row.amount),
            currency: String(row.currency).trim(),
            expiresAt: new Date(row.expires_at),
            consumedAt: row.consumed_at ? new Date(row.consumed_at) : null,
            failedAttempts: Number(row.failed_attempts),
          },
          input.payment,
          new Date(),
          paymentsConfig.authorisationMaxAttempts
        )
      : 'unknown'
    if (problem) {
      throw scaRequired(`authorisation_${problem}`, { authorisationId: sca.authorisationId }, PROBLEM_DETAIL[problem])
    }

    const customer = await trx
      .from('customers')
      .where('id', customerId)
      .select('totp_secret', 'totp_enabled_at', 'totp_last_time_step')
      .forUpdate()
      .first()
    const secret = customer?.totp_enabled_at && customer.totp_secret ? encryption.decrypt<string>(customer.totp_secret) : null
    const last = customer?.totp_last_time_step === null || customer?.totp_last_time_step === undefined ? null : Number(customer.totp_last_time_step)
    const check = secret ? await checkTotp(secret, sca.otp, last) : { valid: false as const }
    if (!check.valid) {
      throw new InvalidOtpException('The one-time code is wrong, expired or already used; nothing was booked.')
    }
    await trx.from('customers').where('id', customerId).update({ totp_last_time_step: check.timeStep })
  }
}
