import { flags } from '@adonisjs/core/ace'
import { BatchCommand } from '#services/console/batch_command'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import RunAuditVerification from '#actions/audit/run_audit_verification'
import LoadAuditCheckpoint from '#actions/audit/load_audit_checkpoint'
import AuditCheckpointRefusedException from '#exceptions/audit_checkpoint_refused_exception'
import { NO_REQUEST } from '#domain/audit/actor'

/**
 * Recomputes every audit row hash and the block chain and checks the
 * blocks' signatures; exits 1 naming each break (event id / block id and
 * what differs). With --checkpoint FILE (from `node ace audit:checkpoint`),
 * first checks the checkpoint's signature (an altered or untrusted file is
 * refused, exit 1), then that its block still has exactly the signed hash.
 * The run is stored in audit_verifications (backoffice chain status panel).
 */
export default class AuditVerify extends BatchCommand {
  static commandName = 'audit:verify'
  static description = 'Recompute audit row hashes and the hash chain of sealed blocks'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Events per batch', default: 10_000 })
  declare batchSize: number

  @flags.string({ description: 'A checkpoint file (path, or key on the checkpoint disk) the chain must still match' })
  declare checkpoint?: string

  async run() {
    const started = Date.now()
    let checkpoint
    if (this.checkpoint) {
      try {
        checkpoint = await (await this.app.container.make(LoadAuditCheckpoint)).handle({ source: this.checkpoint })
      } catch (error) {
        if (!(error instanceof AuditCheckpointRefusedException)) throw error
        this.logger.error(`[checkpoint] ${error.message}`)
        this.exitCode = 1
        return
      }
      this.logger.info(`Checkpoint of block ${checkpoint.blockId} signed by ${checkpoint.keyId} at ${checkpoint.createdAt}: signature valid`)
    }
    const runVerification = await this.app.container.make(RunAuditVerification)
    const { report } = await runVerification.handle({
      checkpoint,
      runBy: null,
      source: 'cli',
      sealFirst: false,
      context: NO_REQUEST,
      batchSize: this.batchSize,
      onProgress: (phase, done, total) => {
        if (!process.stderr.isTTY) {
          if (done === total) this.logger.info(`${phase}: ${total} checked`)
          return
        }
        const width = 30
        const filled = total === 0 ? width : Math.round((done / total) * width)
        process.stderr.write(`\r${phase.padEnd(7)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`)
        if (done === total) process.stderr.write('\n')
      },
    })

    for (const item of report.breaks) this.logger.error(`[${item.kind}] ${item.message}`)
    const last = report.lastVerifiedBlock
    const summary = [
      `${report.rowsChecked} rows checked`,
      `${report.blocksChecked} blocks checked (${report.sealedRows} sealed rows)`,
      `${report.unsealedRows} unsealed rows`,
      `${report.unsignedBlocks} unsigned blocks`,
      ...(checkpoint ? [`checkpoint block ${checkpoint.blockId} ${report.breaks.some((b) => b.kind === 'checkpoint') ? 'DIFFERS' : 'matches'}`] : []),
      last ? `last verified block ${last.id} ${last.blockHash}` : 'no verified block',
      `${Date.now() - started} ms`,
    ].join(', ')
    if (report.ok) {
      this.logger.success(`Audit trail verified: ${summary}`)
    } else {
      this.logger.error(`Audit trail NOT verified: ${report.breaks.length} breaks (${summary})`)
      this.exitCode = 1
    }
  }
}
