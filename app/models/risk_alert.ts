import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { idColumn } from '#models/columns'
import StaffUser from '#models/staff_user'
import Customer from '#models/customer'
import RiskAlertActivity from '#models/risk_alert_activity'
import type { AlertSeverity, AlertStatus } from '#domain/risk/alert_status'
import type { RuleOutcome } from '#domain/risk/rule_types'

/** jsonb arrays: stored as JSON text (the pg driver would send them as SQL arrays) */
const jsonbColumn = () =>
  column({ prepare: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)) })

/** An event as stored on its alert (RaiseAlert): dates as ISO strings, money as { amount, currency } */
export interface StoredRiskEvent {
  kind: string
  at: string
  customerId: number
  accountId: number | null
  amount: { amount: string; currency: string } | null
  payeeAccountId: number | null
  channel: string
}

/**
 * One typology that alerted on an event (the compliance queue). Written by
 * RaiseAlert; worked by the actions in app/actions/risk (assign, notes,
 * dismiss / confirm / escalate), each of which appends to its activity.
 */
export default class RiskAlert extends BaseModel {
  static table = 'risk_alerts'

  @idColumn({ isPrimary: true })
  declare id: number

  @column()
  declare typologyId: string

  @column()
  declare typologyName: string

  @column()
  declare typologyKind: 'fraud' | 'money_laundering'

  @column()
  declare score: number

  @column()
  declare severity: AlertSeverity

  @column()
  declare status: AlertStatus

  @column()
  declare configurationVersion: number

  @idColumn()
  declare customerId: number

  @idColumn()
  declare accountId: number | null

  @idColumn()
  declare transactionId: number | null

  @idColumn()
  declare heldPaymentId: number | null

  @jsonbColumn()
  declare rules: RuleOutcome[]

  @jsonbColumn()
  declare events: StoredRiskEvent[]

  @idColumn()
  declare assigneeId: number | null

  @column()
  declare dedupeKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @column.dateTime()
  declare closedAt: DateTime | null

  @belongsTo(() => StaffUser, { foreignKey: 'assigneeId' })
  declare assignee: BelongsTo<typeof StaffUser>

  @belongsTo(() => Customer)
  declare customer: BelongsTo<typeof Customer>

  @hasMany(() => RiskAlertActivity, { foreignKey: 'alertId' })
  declare activity: HasMany<typeof RiskAlertActivity>
}
