import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import RunAuditVerification from '#actions/audit/run_audit_verification'

/**
 * Recomputes every audit row hash and the block chain; exits 1 naming each
 * break (event id / block id and what differs). The run is stored in
 * audit_verifications (shown on the backoffice chain status panel).
 */
export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description = 'Recompute audit row hashes and the hash chain of sealed blocks'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Events per batch', default: 10_000 })
  declare batchSize: number

  async run() {
    const started = Date.now()
    const { report } = await new RunAuditVerification().handle({
      runBy: null,
      source: 'cli',
      sealFirst: false,
      context: { ip: null, requestId: null },
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
