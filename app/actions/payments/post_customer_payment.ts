import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
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
import riskConfig from '#config/risk'
import ScreenPayment from '#actions/risk/screen_payment'
import type { HeldPayment } from '#actions/risk/hold_payment_for_review'
import type { TransferRecord } from '#domain/ledger/records'

export interface PostCustomerPaymentInput {
  customerId: number
  debtorAccountId: number
  creditor: { accountId: number } | { accountNumber: string }
  amount: Money
  reference: string | null
  idempotencyKey: string
  /** Dynamic linking: the payment authorisation and a fresh TOTP code */
  sca?: { authorisationId: string; otp: string }
  /**
   * Or a partner's payment under a consent the customer authorised with
   * TOTP on the consent page (which created this authorisation for exactly
   * this payment): consumed by the posting, no second code.
   */
  consent?: { consentId: string; partnerId: number; authorisationId: string }
  context: RequestContext
}

/** Booked, or held for review by the risk rules (the money reserved, not moved) */
export type CustomerPaymentResult =
  | { transfer: TransferRecord; held?: undefined; replayed: boolean }
  | { held: HeldPayment; transfer?: undefined; replayed: boolean }

/**
 * A customer's payment from the API: PostTransfer with the customer's
 * payment policy (limits, dynamic-linking threshold, low-value exemption),
 * enforced by payment_guard() in the posting's own transaction.
 * Without `sca` it is the ordinary hot path (one round trip). With `sca`,
 * one transaction verifies the authorisation and the code, claims the TOTP
 * step, books and consumes the authorisation; a replay of a key already
 * used skips the verification and returns the original.
 *
 * Risk (RISK_INLINE_RULES, on by default), before anything is booked:
 * ScreenPayment blocks (PaymentBlocked), holds the money for review (the
 * result is then `held`, not `transfer`) or lets the payment book.
 * Throws: PostTransfer's errors, LimitExceeded, ScaRequired, InvalidOtp,
 * PaymentBlocked.
 */
@inject()
export default class PostCustomerPayment {
  constructor(
    private postTransfer: PostTransfer,
    private verifyAuthorisation: VerifyPaymentAuthorisation,
    private screen: ScreenPayment
  ) {}

  async handle(input: PostCustomerPaymentInput): Promise<CustomerPaymentResult> {
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
      payment: { ...policy, authorisationId: input.sca?.authorisationId ?? input.consent?.authorisationId ?? null },
      ...(input.sca ? { metadata: { sca: { authorisation_id: input.sca.authorisationId, method: 'totp' } } } : {}),
      ...(input.consent
        ? {
            metadata: {
              sca: { authorisation_id: input.consent.authorisationId, method: 'consent' },
              openbanking: { consent_id: input.consent.consentId, partner_id: String(input.consent.partnerId) },
            },
          }
        : {}),
    }
    try {
      if (riskConfig.inlineRules) {
        const held = await this.screened(input, transfer)
        if (held) return { held, replayed: held.replayed }
      }
      return input.sca ? await this.withAuthorisation(input, transfer) : await this.postTransfer.handle(transfer)
    } catch (error) {
      throw mapPaymentError(error)
    }
  }

  /** ScreenPayment (inline risk rules); a wrong code on a held payment counts like one on a booked payment */
  private async screened(input: PostCustomerPaymentInput, transfer: PostTransferInput) {
    const sca = input.sca
    try {
      return await this.screen.handle({
        ...input,
        payment: transfer.payment!,
        verify: sca ? (trx) => this.verify(input, sca, trx) : undefined,
      })
    } catch (error) {
      if (sca) await this.countFailedCode(input, sca, error)
      throw error
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
          if (!used) await this.verify(input, sca, trx)
          return this.postTransfer.handle({ ...transfer, trx })
        })
      } catch (error: any) {
        await this.countFailedCode(input, sca, error)
        const code = error?.code ?? error?.cause?.code
        if (attempt < 3 && RETRYABLE_SQLSTATES.has(code)) continue
        throw error
      }
    }
  }

  /** Dynamic linking: the authorisation matches this payment and the code is fresh (claims the TOTP step) */
  private verify(input: PostCustomerPaymentInput, sca: { authorisationId: string; otp: string }, trx: TransactionClientContract) {
    return this.verifyAuthorisation.handle({
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

  /** A wrong code counts against the authorisation, outside the transaction that rolled back */
  private async countFailedCode(input: PostCustomerPaymentInput, sca: { authorisationId: string }, error: unknown) {
    if (!(error instanceof InvalidOtpException)) return
    await db
      .from('payment_authorisations')
      .where('id', sca.authorisationId)
      .where('customer_id', input.customerId)
      .whereNull('consumed_at')
      .increment('failed_attempts', 1)
  }
}
