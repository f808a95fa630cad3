import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { idColumn } from '#models/columns'
import LoanProductVersion from '#models/loan_product_version'

export type LoanProductStatus = 'active' | 'retired'

/**
 * A loan product's identity: its code and the version offered now. The
 * terms are in LoanProductVersion (append-only, one row per published
 * version).
 */
export default class LoanProduct extends BaseModel {
  static table = 'loan_products'

  @idColumn({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare status: LoanProductStatus

  @idColumn()
  declare currentVersionId: number | null

  @belongsTo(() => LoanProductVersion, { foreignKey: 'currentVersionId' })
  declare currentVersion: BelongsTo<typeof LoanProductVersion>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
