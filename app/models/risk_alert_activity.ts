import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { idColumn } from '#models/columns'
import StaffUser from '#models/staff_user'

/**
 * One line of an alert's history (append-only: a trigger refuses UPDATE
 * and DELETE): raised, assigned, a note, a freeze, a hold settled, the
 * decision. `staffId` null: the system (the rules raised it).
 */
export default class RiskAlertActivity extends BaseModel {
  static table = 'risk_alert_activity'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare alertId: number

  @idColumn()
  declare staffId: number | null

  @column()
  declare action: string

  @column()
  declare note: string | null

  @column({ prepare: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)) })
  declare details: Record<string, unknown> | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => StaffUser, { foreignKey: 'staffId' })
  declare staff: BelongsTo<typeof StaffUser>
}
