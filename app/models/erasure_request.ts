import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { idColumn } from '#models/columns'

export type ErasureStatus = 'requested' | 'scheduled' | 'executed' | 'cancelled'

/**
 * A request to erase a customer's personal data (migration 0692): filed
 * by RequestCustomerErasure, scheduled by ApprovedCustomerErasure,
 * executed by EraseCustomer (privacy:erase-due).
 */
export default class ErasureRequest extends BaseModel {
  static table = 'erasure_requests'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare customerId: number

  @idColumn()
  declare requestedBy: number

  @column()
  declare reason: string

  @column()
  declare status: ErasureStatus

  @idColumn()
  declare approvalId: number | null

  @idColumn()
  declare approvedBy: number | null

  @column.dateTime()
  declare relationshipEndedAt: DateTime | null

  @column.dateTime()
  declare retentionUntil: DateTime | null

  @column.dateTime()
  declare executeAfter: DateTime | null

  @column.dateTime()
  declare executedAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
