import { AccountSchema } from '#database/schema'
import { idColumn, moneyColumn } from '#models/columns'

export type AccountKind = 'current' | 'savings' | 'internal' | 'loan'
export type AccountStatus = 'active' | 'frozen' | 'closed'

export default class Account extends AccountSchema {
  static table = 'accounts'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare customerId: number | null

  @moneyColumn()
  declare balance: bigint

  @moneyColumn()
  declare available: bigint

  @moneyColumn()
  declare overdraftLimit: bigint

  declare kind: AccountKind
  declare status: AccountStatus
  declare normalBalance: 'debit' | 'credit'
}
