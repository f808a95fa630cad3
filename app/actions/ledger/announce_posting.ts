import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import riskConfig from '#config/risk'
import { Money } from '#domain/money/money'
import { exceedsPostingLimit } from '#domain/ledger/posting_limit'
import PostingAnnouncementQuery, { type CustomerMovement } from '#queries/ledger/posting_announcement_query'
import NotifyCustomer from '#actions/notifications/notify_customer'
import AnnounceTransferToPartners from '#actions/openbanking/announce_transfer_to_partners'
import jobQueue from '#services/queue/job_queue'
import type { JobPayloads } from '#services/queue/job_payloads'

/** Posting kinds scored by the risk rules after commit */
const SCORED_KINDS = new Set(['transfer', 'deposit', 'withdrawal'])

/**
 * The 'ledger.posted' job: a posting committed, so tell each customer
 * whose account it touched (money received, money sent, large withdrawal,
 * hold placed or released), tell partners whose consent shares an
 * account that money arrived (transfer-received) and queue the slower
 * risk rules over it. One
 * transaction enqueues every follow-up job; a re-delivered job enqueues
 * them again, and their dedupe keys make each notice happen once.
 */
@inject()
export default class AnnouncePosting {
  constructor(
    private query: PostingAnnouncementQuery,
    private notify: NotifyCustomer,
    private partners: AnnounceTransferToPartners
  ) {}

  async handle(payload: JobPayloads['ledger.posted']) {
    await db.transaction(async (trx) => {
      const posting = await this.query.resolve(trx, payload)
      if (posting.type === 'transaction') {
        for (const movement of posting.movements) {
          await this.notify.handle({
            trx,
            customerId: movement.customerId,
            event: eventOf(movement),
            dedupeKey: `ledger:${movement.transactionId}:${movement.accountId}:${movement.direction}`,
            data: {
              amountMinor: movement.amountMinor.toString(),
              currency: movement.currency,
              accountEnding: movement.accountNumber.slice(-4),
            },
          })
        }
        const credits = posting.movements.filter((movement) => movement.direction === 'credit')
        if (credits.length) await this.partners.handle({ trx, credits })
        const kind = posting.movements[0]?.kind
        if (kind && SCORED_KINDS.has(kind)) {
          await jobQueue.enqueue(trx, 'risk.score', { event: 'ledger_transaction', subjectId: String(posting.transactionId) })
        }
      } else if (posting.type === 'hold') {
        const { hold } = posting
        const event = hold.status === 'active' ? 'hold_placed' : 'hold_released'
        await this.notify.handle({
          trx,
          customerId: hold.customerId,
          event,
          dedupeKey: `hold:${hold.holdId}:${event}`,
          data: {
            amountMinor: hold.amountMinor.toString(),
            currency: hold.currency,
            accountEnding: hold.accountNumber.slice(-4),
          },
        })
      }
    })
  }
}

function eventOf(movement: CustomerMovement) {
  if (movement.direction === 'credit') return 'money_received' as const
  const amount = Money.of(movement.amountMinor, movement.currency)
  if (movement.kind === 'withdrawal' && exceedsPostingLimit(amount, riskConfig.largeWithdrawal)) return 'large_withdrawal' as const
  return 'money_sent' as const
}
