import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { idColumn, moneyColumn } from '#models/columns'
import type { LoanState } from '#domain/loans/lifecycle'
import type { Amortisation, Frequency } from '#domain/loans/schedule_terms'

/** jsonb: stored as JSON text (the pg driver would send an array as a Postgres array) */
const jsonbColumn = () =>
  column({ prepare: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)) })

export interface LoanDocument {
  id: string
  name: string
  contentType: string
  size: number
  uploadedAt: string
  uploadedBy: { type: 'customer' | 'staff'; id: number }
}

/**
 * A loan from its application to its end (#domain/loans/lifecycle). The
 * terms are copied from the product version at submission, so a later
 * product change never alters it. Amounts are minor units of `currency`.
 * Once disbursed, `accountId` is its receivable (an accounts row of kind
 * 'loan', debit-normal): its balance is the principal outstanding.
 */
export default class Loan extends BaseModel {
  static table = 'loans'

  @idColumn({ isPrimary: true })
  declare id: number

  @idColumn()
  declare customerId: number

  @idColumn()
  declare productVersionId: number

  @column()
  declare status: LoanState

  @column()
  declare currency: string

  @moneyColumn()
  declare principal: bigint

  @column()
  declare termCount: number

  @moneyColumn()
  declare annualRatePpm: bigint

  @column()
  declare frequency: Frequency

  @column()
  declare amortisation: Amortisation

  @moneyColumn()
  declare originationFee: bigint

  @column()
  declare purpose: string

  @moneyColumn()
  declare monthlyIncome: bigint

  @moneyColumn()
  declare monthlyObligations: bigint

  @idColumn()
  declare disbursementAccountId: number

  @jsonbColumn()
  declare documents: LoanDocument[]

  @jsonbColumn()
  declare assessment: Record<string, unknown> | null

  @column()
  declare recommendation: 'approve' | 'refer' | 'decline' | null

  @column()
  declare channel: 'api' | 'backoffice'

  @idColumn()
  declare submittedBy: number | null

  @idColumn()
  declare reviewerId: number | null

  @idColumn()
  declare decidedBy: number | null

  @idColumn()
  declare secondApproverId: number | null

  @idColumn()
  declare approvalId: number | null

  @column()
  declare decisionReason: string | null

  @idColumn()
  declare accountId: number | null

  @idColumn()
  declare disbursementTransactionId: number | null

  /** 'YYYY-MM-DD': the schedule's start (the disbursement's business date) */
  @column({ consume: (value: Date | string | null) => (value instanceof Date ? isoDate(value) : value) })
  declare startDate: string | null

  @column()
  declare daysPastDue: number

  @column.dateTime()
  declare submittedAt: DateTime

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column.dateTime()
  declare disbursedAt: DateTime | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}

function isoDate(value: Date): string {
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}
