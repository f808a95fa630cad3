import type { Logger } from '@adonisjs/core/logger'
import AuditSealer, { type SealResult } from '#services/audit/audit_sealer'

/**
 * Runs the sealer every `intervalMs` (the web process and
 * `node ace audit:seal --watch`). Runs never overlap; an error is logged and
 * the next tick tries again, it never reaches the process. `stop()` waits
 * for the run in progress so shutdown does not cut a transaction.
 */
export default class AuditSealLoop {
  #timer?: NodeJS.Timeout
  #running?: Promise<void>
  #stopped = true

  constructor(
    private intervalMs: number,
    private logger: Logger,
    private sealer = new AuditSealer(),
    private onSealed?: (result: SealResult) => void
  ) {}

  start() {
    if (!this.#stopped || this.intervalMs <= 0) return
    this.#stopped = false
    this.#schedule()
  }

  async stop() {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#running
  }

  #schedule() {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      this.#running = this.#tick().finally(() => {
        this.#running = undefined
        this.#schedule()
      })
    }, this.intervalMs)
  }

  async #tick() {
    try {
      const result = await this.sealer.seal()
      if (result.events > 0) {
        this.logger.debug({ blocks: result.blocks, events: result.events }, 'audit events sealed')
      }
      this.onSealed?.(result)
    } catch (error) {
      this.logger.error({ err: error }, 'audit sealer run failed')
    }
  }
}
