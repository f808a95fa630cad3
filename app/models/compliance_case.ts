import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { idColumn } from '#models/columns'

/** A suspicious activity report case, opened when an alert is escalated (EscalateAlert) */
export default class ComplianceCase extends BaseModel {
  static table = 'compliance_cases'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare alertId: number

  @idColumn()
  declare customerId: number

  @column()
  declare summary: string

  @idColumn()
  declare createdBy: number

  @column()
  declare status: 'open'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
