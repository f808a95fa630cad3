import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import fourEyesConfig from '#config/four_eyes'
import type { Money } from '#domain/money/money'
import { crossesRollingLimit } from '#domain/ledger/posting_limit'

/**
 * What counts towards the running totals: teller deposits, withdrawals and
 * transfers booked in a staff member's name (actor 'staff'; an approved
 * four-eyes posting is booked in its maker's name, so it counts once it is
 * booked, from its booking time), per currency, booked within the window.
 * A staff member's total is everything they booked; an account's total is
 * every such posting that debited or credited it. Customer (API) payments,
 * reversals, adjustments and system postings do not count: they have their
 * own limits or are always four-eyes.
 */
const COUNTED_KINDS = ['deposit', 'withdrawal', 'transfer']

export interface FourEyesCheck {
  staffId: number
  /** The customer accounts the posting debits or credits */
  accountIds: number[]
  amount: Money
  /** The form's key: a resubmission replays whatever the first one did */
  idempotencyKey: string
}

/**
 * Decides, inside the caller's transaction, whether a teller posting books
 * now or waits for a second staff member.
 *
 * Concurrency: transaction-scoped advisory locks on the staff member and on
 * each customer account (taken in one global order, so never a deadlock)
 * serialise the check-then-book of postings that share a running total;
 * the caller books or files in the same transaction, so a parallel posting
 * sees this one's total. The bank's own accounts (vault cash) are never
 * locked here, and customers' API payments do not take these locks.
 *
 * A resubmitted form (same staff member and key) goes the way the first
 * one went (booked → replayed by the ledger; filed → the same approval),
 * whatever the totals are now.
 */
export async function fourEyesDecision(trx: TransactionClientContract, check: FourEyesCheck): Promise<'book' | 'approve'> {
  const keys = [`four-eyes:staff:${check.staffId}`, ...check.accountIds.map((id) => `four-eyes:account:${id}`)].sort()
  for (const key of keys) {
    await trx.rawQuery('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key])
  }

  const { rows } = await trx.rawQuery(
    `select exists (select 1 from idempotency_keys where scope = ? and key = ?) as booked,
            exists (select 1 from approvals where maker_id = ? and idempotency_key = ?) as filed`,
    [`staff:${check.staffId}`, check.idempotencyKey, check.staffId, check.idempotencyKey]
  )
  if (rows[0].booked) return 'book'
  if (rows[0].filed) return 'approve'

  const totals = await bookedInWindow(trx, check)
  return crossesRollingLimit(check.amount, totals, fourEyesConfig.postingLimit) ? 'approve' : 'book'
}

/** Minor units booked in the window: the staff member's total, then each account's */
async function bookedInWindow(trx: TransactionClientContract, check: FourEyesCheck): Promise<bigint[]> {
  const since = `now() - make_interval(secs => ?::double precision)`
  const seconds = fourEyesConfig.windowHours * 3600
  const { rows } = await trx.rawQuery(
    `select (select coalesce(sum(amount), 0)::text from ledger_transactions
              where actor_type = 'staff' and actor_id = ? and kind = any(?::text[]) and currency = ?
                and booked_at > ${since}) as staff_total,
            array(select (select coalesce(sum(t.amount), 0)::text from ledger_transactions t
                           where t.actor_type = 'staff' and t.kind = any(?::text[]) and t.currency = ?
                             and (t.debtor_account_id = a.id or t.creditor_account_id = a.id)
                             and t.booked_at > ${since})
                    from unnest(?::bigint[]) as a(id)) as account_totals`,
    [
      String(check.staffId), COUNTED_KINDS, check.amount.currency, seconds,
      COUNTED_KINDS, check.amount.currency, seconds, check.accountIds,
    ]
  )
  return [BigInt(rows[0].staff_total), ...(rows[0].account_totals as string[]).map((total) => BigInt(total))]
}
