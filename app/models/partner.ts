import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { idColumn } from '#models/columns'

export type PartnerStatus = 'active' | 'suspended'
export type PartnerRateTier = 'sandbox' | 'standard' | 'premium'

/** jsonb: stored as JSON text (the pg driver would send an object as-is) */
const jsonbColumn = () =>
  column({ prepare: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)) })

/**
 * A partner fintech (third-party provider), registered by staff: one
 * OAuth client of the authorization server (#services/oauth/partner_clients).
 */
export default class Partner extends BaseModel {
  static table = 'partners'

  @idColumn({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare clientId: string

  @jsonbColumn()
  declare jwks: { keys: Record<string, unknown>[] } | null

  @column()
  declare jwksUri: string | null

  @column()
  declare redirectUris: string[]

  @column()
  declare corsOrigins: string[]

  @column()
  declare scopes: string[]

  @column()
  declare rateTier: PartnerRateTier

  @column()
  declare status: PartnerStatus

  @idColumn()
  declare registeredBy: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
