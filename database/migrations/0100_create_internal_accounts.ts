import { BaseSchema } from '@adonisjs/lucid/schema'

const CURRENCIES = ['GBP', 'EUR', 'USD']

/**
 * The bank's own accounts, per currency. Assets are debit-normal (vault
 * cash, settlement with the clearing system, loans receivable); liabilities,
 * income and equity are credit-normal (suspense holds unidentified funds
 * owed to someone). Their balance is the sum of their entries.
 */
const INTERNAL_ACCOUNTS: Array<{ code: string; name: string; normal: 'debit' | 'credit' }> = [
  { code: 'vault_cash', name: 'Vault cash', normal: 'debit' },
  { code: 'settlement', name: 'Settlement (clearing)', normal: 'debit' },
  { code: 'loans_receivable', name: 'Loans receivable', normal: 'debit' },
  { code: 'interest_income', name: 'Interest income', normal: 'credit' },
  { code: 'fee_income', name: 'Fee income', normal: 'credit' },
  { code: 'suspense', name: 'Suspense', normal: 'credit' },
  { code: 'opening_equity', name: 'Opening equity', normal: 'credit' },
]

export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const rows = CURRENCIES.flatMap((currency) =>
        INTERNAL_ACCOUNTS.map((a) => ({
          number: `INT-${currency}-${a.code.toUpperCase()}`,
          kind: 'internal',
          currency,
          status: 'active',
          name: `${a.name} ${currency}`,
          normal_balance: a.normal,
          system_code: a.code,
        }))
      )
      await db.table('accounts').multiInsert(rows)
    })
  }

  async down() {
    this.defer(async (db) => {
      await db.from('accounts').where('kind', 'internal').whereIn('currency', CURRENCIES).delete()
    })
  }
}
