import { AuditEventSchema } from '#database/schema'
import { column } from '@adonisjs/lucid/orm'
import type { ActorType } from '#domain/audit/actor'
import { idColumn } from '#models/columns'

/**
 * One audit_events row, for reading (backoffice, exports). Rows are written
 * only through AuditTrail.record() / audit_append(); the table rejects
 * UPDATE and DELETE, so never save() or delete() this model.
 */
export default class AuditEvent extends AuditEventSchema {
  static table = 'audit_events'

  @idColumn({ isPrimary: true })
  declare id: number

  declare actorType: ActorType

  /** operational: the inserting transaction (xid8), used by the sealer only */
  @column({ serializeAs: null })
  declare xactId: string
}
