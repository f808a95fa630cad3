import { Money } from '#domain/money/money'
import type { ScaReason } from '#domain/payments/payment_rules'
import LimitExceededException from '#exceptions/limit_exceeded_exception'
import ScaRequiredException from '#exceptions/sca_required_exception'

/** Where a client asks for a payment authorisation (route api.v1.payment_authorisations.store) */
export const PAYMENT_AUTHORISATION_PATH = '/api/v1/payment-authorisations'

const amount = (minor: string | bigint, currency: string) => {
  const money = Money.of(BigInt(minor), currency)
  return { amount: money.toDecimalString(), currency }
}

/** A limit refusal with the limit and what remains (problem member `limit`) */
export function limitExceeded(kind: 'single' | 'daily', currency: string, limitMinor: string | bigint, remainingMinor: string | bigint) {
  const limit = amount(limitMinor, currency)
  const remaining = amount(remainingMinor, currency)
  const message =
    kind === 'single'
      ? `The amount is above this customer's single-payment limit of ${limit.amount} ${currency}.`
      : `The amount is above what remains of this customer's daily payment limit of ${limit.amount} ${currency}: ${remaining.amount} ${currency} remains today (UTC).`
  const error = new LimitExceededException(message)
  error.extensions = { limit: { kind, limit, remaining } }
  return error
}

const SCA_DETAIL: Record<ScaReason | 'authorisation_mismatch', string> = {
  amount_above_threshold: 'This payment is above the amount that needs dynamic linking',
  new_payee: 'This payment goes to a payee never paid above the low-value exemption, which needs dynamic linking',
  authorisation_mismatch: 'The payment authorisation does not match this payment, has expired or was used',
}

/** A payment that needs (another) payment authorisation and a fresh one-time code */
export function scaRequired(reason: ScaReason | 'authorisation_mismatch' | string, extra: Record<string, unknown> = {}, detail?: string) {
  const lead = detail ?? SCA_DETAIL[reason as ScaReason] ?? 'This payment needs dynamic linking'
  const error = new ScaRequiredException(
    `${lead}: create a payment authorisation (POST ${PAYMENT_AUTHORISATION_PATH}) for exactly this debtor account, payee and amount, then send the transfer again with sca: { authorisationId, otp } where otp is a new code from the authenticator app.`
  )
  error.extensions = { sca: { reason, authorisationUrl: PAYMENT_AUTHORISATION_PATH, ...extra } }
  return error
}

/** payment_guard()'s SRL20 / SRL21 errors (JSON detail) as domain exceptions; anything else unchanged */
export function mapPaymentError(error: any): unknown {
  if (error?.code !== 'SRL20' && error?.code !== 'SRL21') return error
  let detail: Record<string, string> = {}
  try {
    detail = JSON.parse(error.detail ?? '{}')
  } catch {}
  if (error.code === 'SRL20') {
    return limitExceeded(detail.limit as 'single' | 'daily', detail.currency, detail.limit_minor, detail.remaining_minor)
  }
  return scaRequired(detail.reason ?? 'amount_above_threshold')
}
