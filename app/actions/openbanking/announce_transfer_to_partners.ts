import { inject } from '@adonisjs/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PartnerEventQueries from '#queries/openbanking/partner_event_queries'
import PublishPartnerEvent from '#actions/openbanking/publish_partner_event'
import { Money } from '#domain/money/money'
import { TRANSFER_RECEIVED } from '#domain/openbanking/events'

/** Money that arrived in a customer account (a credit of a committed posting) */
export interface MoneyIn {
  transactionId: number
  accountId: number
  amountMinor: bigint
  currency: string
  bookedAt: Date
}

/**
 * Part of the 'ledger.posted' job (AnnouncePosting), in its transaction:
 * for each credit to a customer account, every partner whose authorised
 * account-access consent shares that account with ReadTransactionsCredits
 * (unexpired, the booking inside the consent's transaction window) is
 * told `transfer-received` (PublishPartnerEvent: only when it
 * subscribes). Once per partner, transaction and account: a re-run job
 * publishes nothing new. The SET carries what that permission shows
 * (account, transaction, amount, booking time), no reference or
 * counterparty; the partner reads more with its token.
 */
@inject()
export default class AnnounceTransferToPartners {
  constructor(
    private queries: PartnerEventQueries,
    private publish: PublishPartnerEvent
  ) {}

  async handle(input: { trx: TransactionClientContract; credits: MoneyIn[] }): Promise<number> {
    let published = 0
    for (const credit of input.credits) {
      const consents = await this.queries.consentsSeeingCredit(input.trx, credit.accountId, credit.bookedAt)
      for (const consent of consents) {
        const jti = await this.publish.handle({
          trx: input.trx,
          partnerId: consent.partnerId,
          type: TRANSFER_RECEIVED,
          subject: { type: 'account', id: String(credit.accountId) },
          data: {
            ConsentId: consent.consentId,
            AccountId: String(credit.accountId),
            TransactionId: String(credit.transactionId),
            CreditDebitIndicator: 'Credit',
            Amount: { Amount: Money.of(credit.amountMinor, credit.currency).toDecimalString(), Currency: credit.currency },
            BookingDateTime: credit.bookedAt.toISOString(),
          },
          dedupeKey: `transfer-received:${credit.transactionId}:${credit.accountId}`,
          txn: `ledger-transaction:${credit.transactionId}`,
          occurredAt: credit.bookedAt,
        })
        if (jti) published++
      }
    }
    return published
  }
}
