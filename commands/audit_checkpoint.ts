import { BatchCommand } from '#services/console/batch_command'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import WriteAuditCheckpoint from '#actions/audit/write_audit_checkpoint'
import { DomainException } from '#exceptions/domain_exception'
import { NO_REQUEST } from '#domain/audit/actor'

/**
 * Seals, verifies, then writes a signed checkpoint of the audit chain's
 * last block to the checkpoint Drive disk and prints where. Later,
 * `node ace audit:verify --checkpoint FILE` proves the database still has
 * that exact history. Run it on a schedule (e.g. hourly) and keep the files
 * out of reach of the database's administrators.
 */
export default class AuditCheckpoint extends BatchCommand {
  static commandName = 'audit:checkpoint'
  static description = 'Write a signed checkpoint of the audit chain (last block id and hash) to the checkpoint disk'
  static options: CommandOptions = { startApp: true }

  async run() {
    try {
      const writeCheckpoint = await this.app.container.make(WriteAuditCheckpoint)
      const result = await writeCheckpoint.handle({ context: NO_REQUEST })
      const { checkpoint } = result
      this.logger.success(
        `Checkpoint of block ${checkpoint.blockId} (events up to ${checkpoint.lastEventId}, hash ${checkpoint.blockHash}) signed by ${checkpoint.keyId}`
      )
      this.logger.info(`Written to ${result.disk}:${result.key}${result.path ? ` (${result.path})` : ''}`)
      this.logger.info(`Check it later: node ace audit:verify --checkpoint ${result.path ?? result.key}`)
    } catch (error) {
      if (!(error instanceof DomainException)) throw error
      this.logger.error(`${(error as any).code}: ${error.message}`)
      this.exitCode = 1
    }
  }
}
