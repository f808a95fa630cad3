import { afterFetch, afterFind, BaseModel, beforeSave, column } from '@adonisjs/lucid/orm'
import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { idColumn, moneyColumn } from '#models/columns'
import type { LoanState } from '#domain/loans/lifecycle'
import type { Amortisation, Frequency } from '#domain/loans/schedule_terms'
import DataKeyring from '#services/keys/data_keyring'
import { open, openJson, seal, sealJson } from '#services/keys/sealing'
import PersonalDataErasedException from '#exceptions/personal_data_erased_exception'

export interface LoanDocument {
  id: string
  /** the original file name: personal data, stored only sealed (sealedName) */
  name: string
  contentType: string
  size: number
  /** sha256 (hex) of the document's plaintext bytes (documents uploaded before sealing have none) */
  sha256?: string
  uploadedAt: string
  uploadedBy: { type: 'customer' | 'staff'; id: number }
}

/** A document as loans.documents stores it: the name sealed (legacy entries: `name` in plaintext) */
export type StoredLoanDocument = Omit<LoanDocument, 'name'> & { name?: string; sealedName?: string }

/** The applicant's declarations, sealed together in loans.personal_data */
export interface LoanDeclarations {
  purpose: string
  monthlyIncome: string
  monthlyObligations: string
}

/** What an erased applicant's document name reads */
export const ERASED_DOCUMENT_NAME = '[erased]'

export function loanPersonalDataAad(loanId: number): string {
  return `loans:${loanId}:personal_data`
}

export function loanDocumentNameAad(loanId: number, documentId: string): string {
  return `loan-document:${loanId}:${documentId}:name`
}

/** A document's entry for loans.documents, its name sealed under the borrower's key */
export async function sealedLoanDocument(
  customerId: number,
  loanId: number,
  document: LoanDocument,
  client?: QueryClientContract | TransactionClientContract
): Promise<StoredLoanDocument> {
  const key = await DataKeyring.forCustomer(customerId, { create: true, client })
  if (!key) throw new PersonalDataErasedException()
  const { name, ...rest } = document
  return { ...rest, sealedName: seal(key, name, loanDocumentNameAad(loanId, document.id)).toString('base64') }
}

/** jsonb: stored as JSON text (the pg driver would send an array as a Postgres array) */
const jsonbColumn = () =>
  column({ prepare: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)) })

/** loans.documents: never a sealed document's opened name */
const documentsColumn = () =>
  column({
    prepare: (value: StoredLoanDocument[] | null | undefined) =>
      value === null || value === undefined
        ? value
        : JSON.stringify(value.map(({ name, ...rest }) => (rest.sealedName ? rest : { ...rest, name }))),
  })

/** Personal declarations: plaintext in memory, stored only sealed in personal_data (the column is written NULL) */
const personalColumn = () => column({ prepare: () => null })
const personalMoneyColumn = () =>
  column({
    consume: (value: string | bigint | null) => (value === null || value === undefined ? value : BigInt(value)),
    prepare: () => null,
  })

const PERSONAL_COLUMNS = ['purpose', 'monthlyIncome', 'monthlyObligations'] as const

/**
 * A loan from its application to its end (#domain/loans/lifecycle). The
 * terms are copied from the product version at submission, so a later
 * product change never alters it. Amounts are minor units of `currency`.
 * Once disbursed, `accountId` is its receivable (an accounts row of kind
 * 'loan', debit-normal): its balance is the principal outstanding.
 *
 * Personal data (ARCHITECTURE §8, issue 13): the applicant's declarations
 * (purpose, monthly income and obligations) are sealed together under the
 * borrower's data key in personal_data (associated data
 * `loans:<id>:personal_data`) on every save that changes them, and opened
 * after every find and fetch (one keyring call per query); documents'
 * original names are sealed one by one (sealedName). Rows not yet sealed
 * by the backfill (#actions/loans/encrypt_loan_personal_data) read from
 * their plaintext columns. When the key was destroyed (erasure) the
 * declarations read null, document names '[erased]', and
 * `personalDataErased` is true.
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

  /** Personal: null only when erased */
  @personalColumn()
  declare purpose: string | null

  /** Personal: null only when erased */
  @personalMoneyColumn()
  declare monthlyIncome: bigint | null

  /** Personal: null only when erased */
  @personalMoneyColumn()
  declare monthlyObligations: bigint | null

  @column({ serializeAs: null })
  declare personalData: Buffer | null

  /** The borrower's data key was destroyed: the declarations and document names are gone for good */
  personalDataErased = false

  @idColumn()
  declare disbursementAccountId: number

  @documentsColumn()
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

  declarations(): LoanDeclarations {
    return { purpose: this.purpose!, monthlyIncome: String(this.monthlyIncome), monthlyObligations: String(this.monthlyObligations) }
  }

  /** A row stored before sealing (plaintext declarations): sealed, and the plaintext emptied, on its next save */
  get hasPlaintextDeclarations(): boolean {
    return this.$isPersisted && !this.personalData && !this.personalDataErased && this.purpose !== null && this.purpose !== undefined
  }

  /** Marks the declarations of a legacy row to be sealed on save (the backfill) */
  markForSealing() {
    for (const name of PERSONAL_COLUMNS) this.$original[name] = Symbol('plaintext') as any
  }

  @beforeSave()
  static async sealPersonalData(loan: Loan) {
    if (loan.$isPersisted && !PERSONAL_COLUMNS.some((name) => name in loan.$dirty)) return
    if (loan.personalDataErased) throw new PersonalDataErasedException()
    if (PERSONAL_COLUMNS.some((name) => loan[name] === null || loan[name] === undefined)) {
      throw new Error(`Loan ${loan.id ?? '(new)'}: purpose, monthly income and obligations are sealed together; load the loan whole to change one`)
    }
    const client = loan.$trx ?? db
    if (!loan.$isPersisted && loan.id === undefined) {
      /* the id is in the associated data: reserve it before the insert */
      const { rows } = await client.rawQuery("select nextval(pg_get_serial_sequence('loans', 'id')) as id")
      loan.id = Number(rows[0].id)
    }
    if (loan.$isPersisted && !loan.$original.personalData) {
      /* a legacy row: every plaintext column is written (as NULL) */
      for (const name of PERSONAL_COLUMNS) loan.$original[name] = Symbol('plaintext') as any
    }
    const key = await DataKeyring.forCustomer(loan.customerId, { create: true, client })
    if (!key) throw new PersonalDataErasedException()
    loan.personalData = sealJson(key, loan.declarations(), loanPersonalDataAad(loan.id))
  }

  @afterFind()
  static async openOne(loan: Loan) {
    await Loan.openPersonalData([loan])
  }

  /** Also runs for paginate() and preloads */
  @afterFetch()
  static async openMany(loans: Loan[]) {
    await Loan.openPersonalData(loans)
  }

  /**
   * Sets the declarations and document names of fetched loans from their
   * sealed values (one keyring call), not dirty. Rows fetched without
   * personal_data (a narrow select) keep what was selected.
   */
  static async openPersonalData(loans: Loan[]) {
    const sealed = loans.filter(
      (loan) => loan.id !== undefined && (loan.personalData || (loan.$attributes.documents ?? []).some((d: StoredLoanDocument) => d.sealedName))
    )
    if (sealed.length === 0) return
    const keys = await DataKeyring.forCustomers(sealed.map((loan) => loan.customerId), sealed[0].$trx ?? db)
    for (const loan of sealed) loan.#open(keys.get(loan.customerId) ?? null)
  }

  #open(key: Buffer | null) {
    this.personalDataErased = key === null
    if (this.personalData) {
      const declared = key ? openJson<LoanDeclarations>(key, this.personalData, loanPersonalDataAad(this.id)) : null
      this.$attributes.purpose = declared ? declared.purpose : null
      this.$attributes.monthlyIncome = declared ? BigInt(declared.monthlyIncome) : null
      this.$attributes.monthlyObligations = declared ? BigInt(declared.monthlyObligations) : null
      for (const name of PERSONAL_COLUMNS) this.$original[name] = this.$attributes[name]
    }
    for (const document of (this.$attributes.documents ?? []) as StoredLoanDocument[]) {
      if (!document.sealedName) continue
      document.name = key
        ? open(key, Buffer.from(document.sealedName, 'base64'), loanDocumentNameAad(this.id, document.id)).toString('utf8')
        : ERASED_DOCUMENT_NAME
    }
    /* the opened names are not a change of the column */
    this.$original.documents = structuredClone(this.$attributes.documents)
  }
}

function isoDate(value: Date): string {
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}
