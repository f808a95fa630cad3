import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PostDeposit from '#actions/ledger/post_deposit'
import PostWithdrawal from '#actions/ledger/post_withdrawal'
import PostTransfer from '#actions/ledger/post_transfer'
import { Money } from '#domain/money/money'
import type { Actor } from '#domain/audit/actor'
import { idempotencyScope } from '#domain/ledger/request_hash'
import type { DemoCustomer } from '#database/demo/demo_bank'
import { type DemoAccountKind, type DemoPosting, demoHistory, groupOf, historyInstant } from '#database/demo/demo_history'
import { backdatingAllowed, bookNextPostingsAt } from '#services/ledger/ledger_booking_time'
import { RETRYABLE_SQLSTATES } from '#services/ledger/ledger_errors'
import BackdatingRefusedException from '#exceptions/backdating_refused_exception'

export interface SeedDemoHistoryInput {
  people: DemoCustomer[]
  /** customer index -> account kind -> account id */
  accounts: Map<number, Record<DemoAccountKind, number>>
  currency: string
  actor: Actor
  /** Household groups booked in parallel (each its own DB transactions) */
  concurrency: number
  /** The history ends the UTC day before this one (default: today) */
  today?: Date
  progress: (done: number, total: number) => void
}

const CHUNK = 200
const MAX_ATTEMPTS = 3

/**
 * Books the demo customers' 90 days (#database/demo/demo_history) through the
 * ledger actions, each posting at its planned time (bookNextPostingsAt:
 * migration 0560, refused outside a development/test database). A group
 * of customers is booked in time order by one worker, CHUNK postings per
 * DB transaction, so every account's entries are in booking order; groups
 * run in parallel (they share no customer account). Idempotent: customers
 * whose last posting exists are skipped, the others' postings replay.
 * Returns the number of postings booked (not replayed).
 */
@inject()
export default class SeedDemoHistory {
  constructor(
    private deposit: PostDeposit,
    private withdrawal: PostWithdrawal,
    private transfer: PostTransfer
  ) {}

  async handle(input: SeedDemoHistoryInput): Promise<number> {
    const plans = input.people.filter((p) => input.accounts.has(p.index)).map((p) => demoHistory(p))
    const done = await this.completed(plans, input)
    const todo = plans.filter((plan) => !done.has(plan.at(-1)!.key))
    const groups = [...Map.groupBy(todo.flat(), (p) => groupOf(p.customer)).values()].map((list) =>
      list.sort((a, b) => a.day - b.day || a.minute - b.minute || a.customer - b.customer)
    )
    const total = groups.reduce((sum, g) => sum + g.length, 0)
    if (total > 0 && !(await backdatingAllowed(db.connection()))) {
      throw new BackdatingRefusedException(
        'This database is not marked for demo history: run its migrations as the database owner with NODE_ENV=development or test.'
      )
    }

    const today = input.today ?? new Date()
    let posted = 0
    let finished = 0
    input.progress(0, total)
    let next = 0
    const worker = async () => {
      while (next < groups.length) {
        const group = groups[next++]
        for (let i = 0; i < group.length; i += CHUNK) {
          const chunk = group.slice(i, i + CHUNK)
          const booked = await this.withRetry(() => db.transaction((trx) => this.book(trx, chunk, today, input)))
          posted += booked
          input.progress((finished += chunk.length), total)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, groups.length)) }, worker))
    return posted
  }

  private async book(trx: TransactionClientContract, chunk: DemoPosting[], today: Date, input: SeedDemoHistoryInput) {
    let posted = 0
    for (const p of chunk) {
      await bookNextPostingsAt(trx, historyInstant(today, p.day, p.minute))
      const common = {
        amount: Money.of(p.amount, input.currency),
        reference: p.reference,
        idempotencyKey: `${p.key}:${input.currency}`,
        actor: input.actor,
        trx,
      }
      const accountId = input.accounts.get(p.customer)![p.account]
      let replayed: boolean
      if (p.kind === 'transfer') {
        const creditorId = input.accounts.get(p.to!.customer)![p.to!.account]
        const transfer = { ...common, debtorAccountId: accountId, creditor: { accountId: creditorId } }
        replayed = (await this.transfer.handle(transfer)).replayed
      } else {
        const action = p.kind === 'deposit' ? this.deposit : this.withdrawal
        replayed = (await action.handle({ ...common, accountId })).replayed
      }
      if (!replayed) posted++
    }
    return posted
  }

  /** Last keys already stored: those customers' histories are complete */
  private async completed(plans: DemoPosting[][], input: SeedDemoHistoryInput) {
    const keys = plans.map((plan) => `${plan.at(-1)!.key}:${input.currency}`)
    const rows = await db
      .from('idempotency_keys')
      .where('scope', idempotencyScope(input.actor))
      .whereIn('key', keys)
      .select('key')
    return new Set(rows.map((r) => String(r.key).slice(0, -(input.currency.length + 1))))
  }

  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work()
      } catch (error: any) {
        const code = error?.code ?? error?.cause?.code
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE_SQLSTATES.has(code)) throw error
      }
    }
  }
}
