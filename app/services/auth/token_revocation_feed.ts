import pg from 'pg'
import type { DatabaseEndpoint } from '#services/database/database_location'
import { REVOCATION_CHANNEL, type TokenCache } from '#services/auth/token_cache'

export interface FeedLogger {
  info(message: string): void
  warn(bindings: object, message: string): void
}

export interface TokenRevocationFeedOptions {
  /** Where to LISTEN: the runtime role's database (config/database.ts `databaseLocation`) */
  endpoint: DatabaseEndpoint
  logger?: FeedLogger
  /** First reconnection delay; doubles per failed attempt up to maxBackoffMs (with jitter) */
  minBackoffMs?: number
  maxBackoffMs?: number
  /** A `select 1` on the connection this often: a connection that went silent is replaced */
  heartbeatMs?: number
  /** Connecting, and each heartbeat, give up after this long */
  timeoutMs?: number
  /** Called whenever listening starts or stops (metrics) */
  onLiveChange?: (live: boolean) => void
}

/**
 * ONE dedicated PostgreSQL connection per web process (a pg Client of its
 * own, not a pooled one: LISTEN belongs to a session) that LISTENs on
 * strongroom_token_revoked and hands every notification to the token cache.
 *
 * Fail safe: the cache serves only while this feed is listening. Until the
 * first LISTEN succeeds, and from the moment the connection errors, ends or
 * misses a heartbeat until a new LISTEN succeeds, the cache is off and
 * empty (every request reads the database), because a notification sent
 * meanwhile is lost. Reconnects by itself with exponential backoff and jitter.
 */
export class TokenRevocationFeed {
  #cache: TokenCache
  #options: Required<Omit<TokenRevocationFeedOptions, 'logger' | 'onLiveChange'>> &
    Pick<TokenRevocationFeedOptions, 'logger' | 'onLiveChange'>
  #client?: pg.Client
  #running = false
  #attempt = 0
  #retry?: NodeJS.Timeout
  #heartbeat?: NodeJS.Timeout
  #opening?: Promise<void>
  /** The PostgreSQL backend that is listening (tests terminate it to cut the feed) */
  backendPid: number | null = null

  constructor(cache: TokenCache, options: TokenRevocationFeedOptions) {
    this.#cache = cache
    this.#options = { minBackoffMs: 100, maxBackoffMs: 5000, heartbeatMs: 10_000, timeoutMs: 3000, ...options }
  }

  get listening(): boolean {
    return this.#client !== undefined
  }

  start() {
    if (this.#running) return
    this.#running = true
    this.#open()
  }

  async stop() {
    this.#running = false
    clearTimeout(this.#retry)
    const client = this.#client
    this.#setLive(undefined)
    await this.#opening
    await client?.end().catch(() => {})
  }

  /** Resolves once listening, or rejects after `ms` (tests, and a readiness wait) */
  async waitUntilListening(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms
    while (!this.listening) {
      if (Date.now() > deadline) throw new Error('the token revocation feed is not listening')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  #open() {
    this.#opening = this.#connect().finally(() => {
      this.#opening = undefined
    })
  }

  async #connect() {
    const { endpoint, timeoutMs } = this.#options
    const client = new pg.Client({
      host: endpoint.host,
      port: endpoint.port,
      user: endpoint.user,
      password: endpoint.password,
      database: endpoint.database,
      application_name: 'strongroom-token-feed',
      keepAlive: true,
      connectionTimeoutMillis: timeoutMs,
    })
    let lost = false
    const onLost = (error?: Error, destroy = false) => {
      if (lost) return
      lost = true
      const wasLive = this.#client === client
      if (wasLive) this.#setLive(undefined)
      client.end().catch(() => {})
      /* a connection that stopped answering may never finish ending */
      if (destroy) (client as any).connection?.stream?.destroy?.()
      if (!this.#running) return
      /* once when it goes, not on every retry of a long database outage */
      if (wasLive || this.#attempt === 0) {
        this.#options.logger?.warn({ err: error?.message }, 'token revocation feed lost: the token cache is off until it reconnects')
      }
      this.#scheduleRetry()
    }
    client.on('error', (error) => onLost(error))
    client.on('end', () => onLost(new Error('connection ended')))
    client.on('notification', (message) => {
      if (!lost && message.channel === REVOCATION_CHANNEL) this.#cache.revoke(message.payload)
    })

    let pid: number
    try {
      await client.connect()
      await client.query(`listen ${REVOCATION_CHANNEL}`)
      pid = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid)
    } catch (error) {
      onLost(error as Error)
      return
    }
    if (lost) return
    if (!this.#running) {
      lost = true
      await client.end().catch(() => {})
      return
    }
    this.#attempt = 0
    this.backendPid = pid
    this.#setLive(client)
    this.#heartbeat = setInterval(() => this.#beat(client, onLost), this.#options.heartbeatMs)
    this.#heartbeat.unref()
    this.#options.logger?.info('token revocation feed listening')
  }

  async #beat(client: pg.Client, onLost: (error?: Error, destroy?: boolean) => void) {
    const timer = setTimeout(() => onLost(new Error('heartbeat timed out'), true), this.#options.timeoutMs)
    try {
      await client.query('select 1')
    } catch (error) {
      onLost(error as Error)
    } finally {
      clearTimeout(timer)
    }
  }

  #setLive(client: pg.Client | undefined) {
    clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
    this.#client = client
    if (!client) this.backendPid = null
    this.#cache.setLive(client !== undefined)
    this.#options.onLiveChange?.(client !== undefined)
  }

  #scheduleRetry() {
    clearTimeout(this.#retry)
    const { minBackoffMs, maxBackoffMs } = this.#options
    const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** Math.min(this.#attempt, 16))
    this.#attempt++
    const delay = ceiling / 2 + Math.random() * (ceiling / 2)
    this.#retry = setTimeout(() => {
      if (this.#running) this.#open()
    }, delay)
    this.#retry.unref()
  }
}
