import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BatchCommand } from '#services/console/batch_command'
import { progressLine } from '#services/console/progress_line'
import RotateDataKeys, { type RotationSummary } from '#actions/keys/rotate_data_keys'
import { keyProvider } from '#services/keys/key_providers'

/**
 * Re-wraps every data key (customer_data_keys, bank_data_keys) not yet
 * under the key provider's current master key. Safe while the app runs,
 * resumable (stop it any time, run it again) and idempotent (a second run
 * re-wraps nothing). Exits 1 if any key failed; the failed rows stay on
 * their old key and are named (table and customer id or purpose).
 */
export default class KeysRotate extends BatchCommand {
  static commandName = 'keys:rotate'
  static description = 'Re-wrap every data key under the current master key (after keys:generate and MASTER_KEY_ID)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Keys per transaction', default: 500 })
  declare batchSize: number

  @flags.number({ description: 'Stop after this many keys (the next run resumes)' })
  declare limit?: number

  @flags.array({ description: 'Only keys wrapped under this old master key id (repeatable)' })
  declare from?: string[]

  async run() {
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      this.logger.error('--batch-size takes a positive integer')
      return void (this.exitCode = 1)
    }
    if (this.limit !== undefined && (!Number.isInteger(this.limit) || this.limit < 1)) {
      this.logger.error('--limit takes a positive integer')
      return void (this.exitCode = 1)
    }
    const provider = await keyProvider()
    let summary: RotationSummary | undefined
    try {
      await this.ui
        .tasks()
        .add(`Re-wrapping data keys under ${provider.name} master key ${provider.currentMasterKeyId()}`, async (task) => {
          let shown = ''
          summary = await new RotateDataKeys().handle({
            batchSize: this.batchSize,
            limit: this.limit,
            fromMasterKeyIds: this.from && this.from.length > 0 ? this.from : undefined,
            onProgress: (done, total) => {
              const line = progressLine('keys', done, total)
              if (line !== shown) task.update((shown = line))
            },
          })
          return `${summary.rotated.customer + summary.rotated.bank} re-wrapped`
        })
        .run()
    } finally {
      await provider.close()
    }
    if (!summary) return void (this.exitCode = 1)

    const rotated = summary.rotated.customer + summary.rotated.bank
    this.batchSummary = { target: summary.targetMasterKeyId, rotated, failed: summary.failed.length, remaining: summary.remaining }
    for (const failure of summary.failed) {
      this.logger.error(`${failure.table} ${failure.key} (under ${failure.masterKeyId}): ${failure.error}`)
    }
    const counts =
      `${rotated} re-wrapped (${summary.rotated.customer} customer, ${summary.rotated.bank} bank), ` +
      `${summary.failed.length} failed, ${summary.remaining} still not on ${summary.targetMasterKeyId}`
    if (summary.failed.length > 0) {
      this.logger.error(`Key rotation incomplete: ${counts}`)
      this.exitCode = 1
    } else if (summary.remaining > 0) {
      this.logger.warning(`Key rotation paused: ${counts}; run keys:rotate again to continue`)
    } else {
      this.logger.success(`Key rotation done: ${counts}. The old master keys no longer wrap any data key.`)
    }
  }
}
