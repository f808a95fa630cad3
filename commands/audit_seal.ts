import { flags } from '@adonisjs/core/ace'
import { BatchCommand } from '#services/console/batch_command'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import auditConfig from '#config/audit'
import AuditSealer from '#services/audit/audit_sealer'
import AuditSealLoop from '#services/audit/audit_seal_loop'

/**
 * Links committed audit events into hash-chained blocks, once or (--watch)
 * every interval until SIGINT/SIGTERM. Safe next to the web processes' own
 * sealers: only one sealer holds the advisory lock, the others skip.
 */
export default class AuditSeal extends BatchCommand {
  static commandName = 'audit:seal'
  static description = 'Seal committed audit events into hash-chained blocks (--watch to keep sealing)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Keep sealing every --interval ms until stopped' })
  declare watch: boolean

  @flags.number({ description: 'Milliseconds between runs with --watch (default AUDIT_SEAL_INTERVAL_MS or 2000)' })
  declare interval?: number

  @flags.number({ description: 'Maximum events per block', default: 5000 })
  declare blockSize: number

  async run() {
    const sealer = new AuditSealer(this.blockSize)
    if (!this.watch) {
      const result = await sealer.seal()
      if (result.skipped) this.logger.warning('Another sealer holds the lock; nothing done')
      else this.logger.success(`Sealed ${result.events} events into ${result.blocks} blocks`)
      return
    }

    const interval = this.interval || auditConfig.sealIntervalMs || 2000
    const loop = new AuditSealLoop(interval, await this.app.container.make('logger'), sealer, (result) => {
      if (result.events > 0) this.logger.info(`sealed ${result.events} events into ${result.blocks} blocks`)
    })
    this.app.terminating(() => loop.stop())
    loop.start()
    this.logger.info(`Sealing audit events every ${interval} ms (Ctrl+C to stop)`)
    await new Promise((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await loop.stop()
  }
}
