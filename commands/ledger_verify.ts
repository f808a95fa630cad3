import { flags } from '@adonisjs/core/ace'
import { BatchCommand } from '#services/console/batch_command'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import LedgerVerifier from '#services/ledger/ledger_verifier'

/**
 * Recomputes every balance from the entries and proves the entries never
 * changed; exits 1 naming each discrepancy.
 */
export default class LedgerVerify extends BatchCommand {
  static commandName = 'ledger:verify'
  static description = 'Recompute balances from ledger entries, check double entry and entry hashes'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Accounts per batch (transactions: 10x)', default: 1000 })
  declare batchSize: number

  async run() {
    const verifier = await this.app.container.make(LedgerVerifier)
    const started = Date.now()
    const report = await verifier.verify({
      batchSize: this.batchSize,
      onProgress: (phase, done, total) => {
        if (!process.stderr.isTTY) {
          if (done === total) this.logger.info(`${phase}: ${total} ids scanned`)
          return
        }
        const width = 30
        const filled = total === 0 ? width : Math.round((done / total) * width)
        const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`
        process.stderr.write(`\r${phase.padEnd(12)} [${bar}] ${done}/${total}`)
        if (done === total) process.stderr.write('\n')
      },
    })

    const table = this.ui.table()
    table.head(['Internal account (non-zero)', 'Currency', 'Balance'])
    for (const b of report.internalBalances.filter((i) => !i.balance.isZero())) {
      table.row([b.systemCode, b.balance.currency, b.balance.toDecimalString()])
    }
    table.render()

    for (const d of report.discrepancies) {
      this.logger.error(`[${d.check}] ${d.subject}: ${d.message}`)
    }
    this.batchSummary = { accounts: report.accountsChecked, transactions: report.transactionsChecked, discrepancies: report.discrepancies.length }
    const summary = `${report.accountsChecked} accounts, ${report.transactionsChecked} transactions checked in ${Date.now() - started} ms`
    if (report.ok) {
      this.logger.success(`Ledger verified: ${summary}, no discrepancy`)
    } else {
      this.logger.error(`Ledger NOT verified: ${report.discrepancies.length} discrepancies (${summary})`)
      this.exitCode = 1
    }
  }
}
