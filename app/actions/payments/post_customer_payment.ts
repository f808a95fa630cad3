import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import paymentsConfig from '#config/payments'
import PostTransfer, { type PostTransferInput } from '#actions/ledger/post_transfer'
import VerifyPaymentAuthorisation from '#actions/payments/verify_payment_authorisation'
import type { Money } from '#domain/money/money'
import { policyFor } from '#domain/payments/payment_rules'
import type { RequestContext } from '#domain/audit/actor'
import { idempotencyScope } from '#domain/ledger/request_hash'
import { mapPaymentError } from '#services/ledger/payment_errors'
import { RETRYABLE_SQLSTATES } from '#services/ledger/ledger_errors'
import InvalidOtpException from '#exceptions/invalid_otp_exception'

export interface PostCustomerPaymentInput {
  customerId: number
  debtorAccountId: number
  creditor: { accountId: number } | { accountNumber: string }
  amount: Money
  reference: string | null
  idempotencyKey: string
  /** Dynamic linking: the payment authorisation and a fresh TOTP code */
  sca?: { authorisationId: string; otp: string }
  context: RequestContext
}

/**
 * A customer's payment from the API: PostTransfer with the customer's
 * payment policy (limits, dynamic-linking threshold, low-value exemption),
 * enforced by payment_guard() in the posting's own transaction.
 * Without `sca` it is the ordinary hot path (one round trip). With `sca`,
 * one transaction verifies the authorisation and the code, claims the TOTP
 * step, books and consumes the authorisation; a replay of a key already
 * used skips the verification and returns the original.
 * Throws: PostTransfer's errors, LimitExceeded, ScaRequired, InvalidOtp.
 */
@inject()
export default class PostCustomerPayment {
  constructor(
    private postTransfer: PostTransfer,
    private verifyAuthorisation: VerifyPaymentAuthorisation
  ) {}

  async handle(input: PostCustomerPaymentInput) {
    const policy = policyFor(paymentsConfig, input.amount.currency)
    const transfer: PostTransferInput = {
      actor: { type: 'customer', id: input.customerId },
      debtorAccountId: input.debtorAccountId,
      creditor: input.creditor,
      amount: input.amount,
      reference: input.reference,
      idempotencyKey: input.idempotencyKey,
      ownerCustomerId: input.customerId,
      context: input.context,
      payment: { ...policy, authorisationId: input.sca?.authorisationId ?? null },
      ...(input.sca ? { metadata: { sca: { authorisation_id: input.sca.authorisationId, method: 'totp' } } } : {}),
    }
    try {
      return input.sca ? await this.withAuthorisation(input, transfer) : await this.postTransfer.handle(transfer)
    } catch (error) {
      throw mapPaymentError(error)
    }
  }

  private async withAuthorisation(input: PostCustomerPaymentInput, transfer: PostTransferInput) {
    const sca = input.sca!
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(async (trx) => {
          const used = await trx
            .from('idempotency_keys')
            .where('scope', idempotencyScope(transfer.actor))
            .where('key', input.idempotencyKey)
            .first()
          if (!used) {
            await this.verifyAuthorisation.handle({
              trx,
              customerId: input.customerId,
              sca,
              payment: {
                debtorAccountId: input.debtorAccountId,
                creditor: input.creditor,
                amount: input.amount.minor,
                currency: input.amount.currency,
              },
            })
          }
          return this.postTransfer.handle({ ...transfer, trx })
        })
      } catch (error: any) {
        if (error instanceof InvalidOtpException) {
          await db
            .from('payment_authorisations')
            .where('id', sca.authorisationId)
            .where('customer_id', input.customerId)
            .whereNull('consumed_at')
            .increment('failed_attempts', 1)
        }
        const code = error?.code ?? error?.cause?.code
        if (attempt < 3 && RETRYABLE_SQLSTATES.has(code)) continue
        throw error
      }
    }
  }
}
