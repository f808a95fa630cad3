import { StaffUserSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { idColumn } from '#models/columns'
import type { StaffRole } from '#domain/staff/roles'

export type { StaffRole }

export default class StaffUser extends compose(
  StaffUserSchema,
  withAuthFinder(hash, { uids: ['email'], passwordColumnName: 'password' })
) {
  static table = 'staff_users'

  @idColumn({ isPrimary: true })
  declare id: number

  declare role: StaffRole
}
