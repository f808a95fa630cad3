import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { idColumn } from '#models/columns'
import Partner from '#models/partner'
import type { ConsentKind, ConsentStatus } from '#domain/openbanking/consent'

/**
 * A partner's consent (account access or a domestic payment): created by
 * the partner, authorised or rejected by the customer, revoked by either.
 * `accountIds` are the accounts the customer chose to share; `grantId`
 * the authorization server's grant the partner's tokens come from.
 */
export default class OpenBankingConsent extends BaseModel {
  static table = 'openbanking_consents'

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare kind: ConsentKind

  @idColumn()
  declare partnerId: number

  @idColumn()
  declare customerId: number | null

  @column()
  declare status: ConsentStatus

  @column()
  declare permissions: string[]

  @column.dateTime()
  declare expiresAt: DateTime | null

  @column.dateTime()
  declare transactionsFrom: DateTime | null

  @column.dateTime()
  declare transactionsTo: DateTime | null

  @column({ consume: (ids: Array<string | number>) => (ids ?? []).map(Number) })
  declare accountIds: number[]

  @column({ prepare: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)) })
  declare initiation: Record<string, unknown> | null

  @column()
  declare grantId: string | null

  @column()
  declare statusReason: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true })
  declare statusUpdatedAt: DateTime

  @belongsTo(() => Partner)
  declare partner: BelongsTo<typeof Partner>
}
