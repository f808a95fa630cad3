import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { idColumn, moneyColumn } from '#models/columns'
import type { Amortisation, Frequency } from '#domain/loans/schedule_terms'
import type { Component } from '#domain/loans/allocation'

/**
 * One published version of a loan product's terms (append-only). Amounts
 * are minor units of `currency`; rates and ratios parts per million
 * (12.5% = 125000n).
 */
export default class LoanProductVersion extends BaseModel {
  static table = 'loan_product_versions'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare productId: number

  @column()
  declare version: number

  @column()
  declare name: string

  @column()
  declare currency: string

  @moneyColumn()
  declare minPrincipal: bigint

  @moneyColumn()
  declare maxPrincipal: bigint

  @column()
  declare minTerm: number

  @column()
  declare maxTerm: number

  @moneyColumn()
  declare annualRatePpm: bigint

  @column()
  declare frequency: Frequency

  @column()
  declare amortisation: Amortisation

  @moneyColumn()
  declare originationFeePpm: bigint

  @moneyColumn()
  declare latePenalty: bigint

  @column()
  declare graceDays: number

  @moneyColumn()
  declare maxDebtToIncomePpm: bigint

  @moneyColumn()
  declare secondApprovalAbove: bigint

  @column()
  declare allocationOrder: Component[]

  @column()
  declare note: string | null

  @idColumn()
  declare requestedBy: number | null

  @idColumn()
  declare approvedBy: number | null

  @idColumn()
  declare approvalId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
