import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'

/** Where the limiter's database store keeps its counters, and its key prefix */
const RATE_LIMIT_TABLE = 'rate_limits'
const STORE_KEY_PREFIX = 'rlflx:'

export interface LoginLimits {
  /** Key prefix in the limiter store (rate_limits), e.g. 'auth' or 'backoffice_login' */
  prefix: string
  /** Failed attempts per account from one IP within the window: the hard limit */
  perAccountAndIp: number
  /** Failed attempts from one IP, whatever the account */
  perIp: number
  /** Failed attempts on one account from every IP before the back-off starts */
  backoffAfter: number
  /** During the back-off: at most one attempt on the account per this many seconds */
  backoffSeconds: number
  window: string
}

export type LoginRefusal = {
  limit: 'ip' | 'account_ip' | 'account_backoff'
  retryAfter: number
}

type Counter = { key: string; limit: number; name: LoginRefusal['limit'] | 'account' }

/**
 * Sign-in attempt counters shared by every instance (limiter database
 * store), taken BEFORE any secret is checked so parallel attempts cannot
 * all slip past a limit: each counter is one atomic upsert returning the
 * new count (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), so attempt
 * N+1 sees N+1 however many arrive at once.
 *
 * - per account + IP (hard limit): refused until the window ends;
 * - per IP: refused until the window ends;
 * - per account from every IP: no lock, only a slower pace — beyond
 *   `backoffAfter` failures one attempt per `backoffSeconds`, so someone who
 *   does not know the password cannot lock the real user out; they can at
 *   most make them wait a few seconds.
 *
 * A refused attempt gives back what it took (only checked attempts count);
 * a checked attempt keeps its points (a failure) unless `succeeded` is
 * called. Accounts are keyed by a hash of the lower-cased identifier, so an
 * unknown e-mail is counted exactly like a known one.
 */
export class LoginThrottle {
  constructor(readonly limits: LoginLimits) {}

  /** Counts one attempt; returns the refusal when a limit is used up */
  async begin(account: string, ip: string | null): Promise<LoginRefusal | null> {
    const { perIp, accountIp, perAccount } = this.counters(account, ip)
    const taken: Counter[] = []
    for (const counter of [perIp, accountIp, perAccount]) {
      if (!counter) continue
      const response = await this.store(counter.limit).increment(counter.key)
      taken.push(counter)
      if (response.consumed <= counter.limit) continue
      if (counter.name !== 'account') {
        await this.giveBack(taken)
        return { limit: counter.name, retryAfter: Math.max(1, response.availableIn) }
      }
      const pace = limiter.use({ requests: 1, duration: this.limits.backoffSeconds })
      const slot = await pace.increment(this.key('pace', this.accountId(account)))
      if (slot.consumed > 1) {
        await this.giveBack(taken)
        return { limit: 'account_backoff', retryAfter: Math.max(1, slot.availableIn) }
      }
    }
    return null
  }

  /** A full sign-in succeeded: clears the account + IP count, gives back the rest */
  async succeeded(account: string, ip: string | null) {
    const { perIp, accountIp, perAccount } = this.counters(account, ip)
    await this.store(accountIp.limit).delete(accountIp.key)
    await this.giveBack(perIp ? [perIp, perAccount] : [perAccount])
  }

  /**
   * Forgets every count about this account, from every IP (after a password
   * reset by e-mail link: the owner proved who they are). The per-IP counts
   * stay.
   */
  async forgetAccount(account: string) {
    const id = this.accountId(account)
    const { perAccount } = this.counters(account, null)
    await this.store(perAccount.limit).delete(perAccount.key)
    await db
      .from(RATE_LIMIT_TABLE)
      .whereLike('key', `${STORE_KEY_PREFIX}${this.key('acct_ip', id)}_%`)
      .delete()
  }

  private counters(account: string, ip: string | null) {
    const id = this.accountId(account)
    const { perIp, perAccountAndIp, backoffAfter } = this.limits
    return {
      perIp: ip ? ({ key: this.key('ip', ip), limit: perIp, name: 'ip' } satisfies Counter) : null,
      accountIp: { key: this.key('acct_ip', `${id}_${ip ?? 'none'}`), limit: perAccountAndIp, name: 'account_ip' } satisfies Counter,
      perAccount: { key: this.key('acct', id), limit: backoffAfter, name: 'account' } satisfies Counter,
    }
  }

  private async giveBack(counters: Counter[]) {
    for (const counter of counters) await this.store(counter.limit).decrement(counter.key)
  }

  private store(requests: number) {
    return limiter.use({ requests, duration: this.limits.window })
  }

  private key(kind: string, value: string) {
    return `${this.limits.prefix}_${kind}_${value}`
  }

  private accountId(account: string) {
    return createHash('sha256').update(account.trim().toLowerCase()).digest('hex').slice(0, 32)
  }
}
