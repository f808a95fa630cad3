import { ApprovalSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { idColumn } from '#models/columns'
import StaffUser from '#models/staff_user'
import type { ApprovalKind, ApprovalStatus } from '#domain/approvals/approval_kinds'

/**
 * A four-eyes request. Written by RequestApproval, decided by
 * DecideApproval; never edited otherwise.
 */
export default class Approval extends ApprovalSchema {
  static table = 'approvals'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare makerId: number

  @idColumn()
  declare checkerId: number | null

  declare kind: ApprovalKind
  declare status: ApprovalStatus
  declare payload: Record<string, unknown>

  @belongsTo(() => StaffUser, { foreignKey: 'makerId' })
  declare maker: BelongsTo<typeof StaffUser>

  @belongsTo(() => StaffUser, { foreignKey: 'checkerId' })
  declare checker: BelongsTo<typeof StaffUser>
}
