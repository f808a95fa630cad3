import type { ApplicationService } from '@adonisjs/core/types'
import type AuditSealLoop from '#services/audit/audit_seal_loop'

/**
 * Seals committed audit events every AUDIT_SEAL_INTERVAL_MS (default 2000,
 * 0 disables) inside the web process. Registered for the "web" environment
 * only (adonisrc.ts): ace commands, tests and the REPL never start it.
 * Every instance runs one; the advisory lock lets only one work at a time.
 * Errors are logged by the loop and never reach the process. Without a
 * signing key (production without AUDIT_SIGNING_KEY) the server refuses to
 * start: E_AUDIT_SIGNING_KEY_MISSING.
 */
export default class AuditSealerProvider {
  #loop?: AuditSealLoop

  constructor(protected app: ApplicationService) {}

  /** Refuse to start without a signing key (production without AUDIT_SIGNING_KEY): the sealer could not sign */
  async boot() {
    const { auditKeys } = await import('#services/audit/audit_signing_keys')
    ;(await auditKeys()).signer()
  }

  async ready() {
    const { default: auditConfig } = await import('#config/audit')
    const interval = auditConfig.sealIntervalMs
    if (interval <= 0) return
    const { default: Loop } = await import('#services/audit/audit_seal_loop')
    const logger = await this.app.container.make('logger')
    this.#loop = new Loop(interval, logger)
    this.#loop.start()
    logger.info(`audit sealer running every ${interval} ms`)
  }

  async shutdown() {
    await this.#loop?.stop()
  }
}
