import { AuditVerificationSchema } from '#database/schema'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { idColumn } from '#models/columns'
import StaffUser from '#models/staff_user'
import type { AuditBreak } from '#domain/audit/audit_break'

/** One run of the audit chain verification (written by RunAuditVerification) */
export default class AuditVerification extends AuditVerificationSchema {
  static table = 'audit_verifications'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare lastVerifiedBlock: number | null

  @idColumn()
  declare runBy: number | null

  @idColumn()
  declare rowsChecked: number

  @idColumn()
  declare unsealedRows: number

  @idColumn()
  declare sealedNow: number

  declare source: 'backoffice' | 'cli'
  /** jsonb: serialised here, or pg would send a JS array as a PostgreSQL array */
  @column({ prepare: (value: AuditBreak[] | null) => JSON.stringify(value ?? []) })
  declare breaks: AuditBreak[]

  @belongsTo(() => StaffUser, { foreignKey: 'runBy' })
  declare runner: BelongsTo<typeof StaffUser>
}
