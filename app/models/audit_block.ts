import { AuditBlockSchema } from '#database/schema'
import { manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { idColumn } from '#models/columns'
import AuditEvent from '#models/audit_event'

/**
 * A sealed block of the audit chain (written only by AuditSealer; the table
 * is append-only). Its events are linked through audit_seals.
 */
export default class AuditBlock extends AuditBlockSchema {
  static table = 'audit_blocks'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare firstEventId: number

  @idColumn()
  declare lastEventId: number

  @manyToMany(() => AuditEvent, {
    pivotTable: 'audit_seals',
    localKey: 'id',
    pivotForeignKey: 'block_id',
    relatedKey: 'id',
    pivotRelatedForeignKey: 'event_id',
  })
  declare events: ManyToMany<typeof AuditEvent>
}
