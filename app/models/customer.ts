import { DateTime } from 'luxon'
import { CustomerSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import db from '@adonisjs/lucid/services/db'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { afterFetch, afterFind, beforeSave, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import Account from '#models/account'
import { idColumn } from '#models/columns'
import type { CustomerAddress, KycDocument } from '#domain/customers/customer_record'
import { blindIndex } from '#services/keys/blind_index'
import { homeRegion } from '#services/residency/regions'
import {
  ERASED_NAME,
  openPersonalRows,
  sealedColumns,
  type PersonalFields,
} from '#services/keys/customer_personal_data'

export type KycStatus = 'pending' | 'verified' | 'rejected'

/**
 * Personal fields (ARCHITECTURE §8): plaintext attributes in memory, stored
 * only sealed in `personal_data` (never in their own columns: `prepare`
 * writes them as NULL, kyc_documents as []).
 */
const personalColumn = (options: Parameters<typeof column>[0] = {}) => column({ ...options, prepare: () => null })
const personalDateColumn = () =>
  column.date({ prepare: () => null, serialize: (value: DateTime | null) => (value ? value.toISODate() : value) })

const PERSONAL_COLUMNS = ['fullName', 'email', 'phone', 'dateOfBirth', 'address', 'kycDocuments'] as const

/**
 * A customer. Personal data (name, email, phone, date of birth, address,
 * national id, KYC document metadata) is sealed with the customer's data
 * key on every save that changes it (with its blind indexes: email,
 * national id, name words) and opened after every fetch, find, paginate
 * and preload, one keyring call per query. Rows not yet sealed by
 * `node ace pii:encrypt` read from their plaintext columns and are sealed
 * (and the plaintext emptied) on their next save. When the key was
 * destroyed (erasure), the name reads '[erased]', the other fields null and
 * `personalDataErased` is true; such a customer's personal data cannot be
 * changed.
 */
export default class Customer extends compose(
  CustomerSchema,
  withAuthFinder(hash, { uids: ['email'], passwordColumnName: 'password' })
) {
  static table = 'customers'

  @idColumn({ isPrimary: true })
  declare id: number

  declare kycStatus: KycStatus

  @personalColumn()
  declare fullName: string

  @personalColumn()
  declare email: string

  /** Sensitive: masked in the backoffice unless revealed (audited) */
  @personalColumn()
  declare phone: string | null

  /** Sensitive */
  @personalDateColumn()
  declare dateOfBirth: DateTime | null

  /** Sensitive */
  @personalColumn()
  declare address: CustomerAddress | null

  /** KYC document metadata; the files live on the drive disk under `key` */
  @column({ prepare: () => '[]' })
  declare kycDocuments: KycDocument[]

  /** Sensitive, optional; found exactly through national_id_index */
  nationalId: string | null = null

  /** The customer's data key was destroyed: personal fields are gone for good */
  personalDataErased = false

  @column({ serializeAs: null })
  declare personalData: Buffer | null

  @column({ serializeAs: null })
  declare emailIndex: string | null

  @column({ serializeAs: null })
  declare nationalIdIndex: string | null

  @column({ serializeAs: null })
  declare nameIndex: string[] | null

  @column()
  declare residencyRegion: string

  @hasMany(() => Account)
  declare accounts: HasMany<typeof Account>

  static accessTokens = DbAccessTokensProvider.forModel(Customer, {
    table: 'customer_access_tokens',
    type: 'customer_api_token',
    expiresIn: '1 hour',
    prefix: 'sr_',
  })

  /** JSON of the personal fields as last opened or sealed; undefined = never (new, or legacy plaintext) */
  #sealedSnapshot: string | undefined

  /** The personal fields as sealed */
  personalFields(): PersonalFields {
    return {
      fullName: this.fullName,
      email: this.email,
      phone: this.phone ?? null,
      dateOfBirth: this.dateOfBirth ? this.dateOfBirth.toISODate() : null,
      address: this.address ?? null,
      nationalId: this.nationalId ?? null,
      kycDocuments: this.kycDocuments ?? [],
    }
  }

  @beforeSave()
  static async sealPersonalData(customer: Customer) {
    if (customer.$isPersisted && customer.#sealedSnapshot === undefined && customer.$attributes.personalData !== null) {
      /* fetched without its personal data (a narrow select): nothing to seal, nothing may change */
      if (PERSONAL_COLUMNS.some((name) => name in customer.$dirty)) {
        throw new Error(`Customer ${customer.id} was loaded without its personal data: load it whole to change it`)
      }
      return
    }
    const current = JSON.stringify(customer.personalFields())
    if (customer.$isPersisted && customer.#sealedSnapshot === current) return
    const client = customer.$trx ?? db
    if (!customer.$isPersisted && customer.id === undefined) {
      const { rows } = await client.rawQuery("select nextval(pg_get_serial_sequence('customers', 'id')) as id")
      customer.id = Number(rows[0].id)
    }
    if (customer.$isPersisted && customer.#sealedSnapshot === undefined) {
      /* a legacy row: every plaintext column is written (as NULL) */
      for (const name of PERSONAL_COLUMNS) customer.$original[name] = Symbol('plaintext') as any
    }
    const columns = await sealedColumns(customer.id, customer.personalFields(), {
      region: customer.residencyRegion ?? homeRegion(),
      client,
    })
    customer.personalData = columns.personal_data
    customer.emailIndex = columns.email_index
    customer.nationalIdIndex = columns.national_id_index
    customer.nameIndex = columns.name_index
    customer.#sealedSnapshot = current
  }

  @afterFind()
  static async openOne(customer: Customer) {
    await Customer.openPersonalData([customer])
  }

  /** Also runs for paginate() and for preloads (account.preload('customer')) */
  @afterFetch()
  static async openMany(customers: Customer[]) {
    await Customer.openPersonalData(customers)
  }

  /**
   * Sets the personal attributes of fetched customers from their sealed
   * data (one keyring call), not dirty. Rows fetched without personal_data
   * (a narrow select) are left as they are.
   */
  static async openPersonalData(customers: Customer[]) {
    const rows = customers.filter((customer) => customer.$attributes.personalData !== undefined && customer.id !== undefined)
    if (rows.length === 0) return
    const sealed = rows.filter((customer) => customer.personalData)
    const opened = await openPersonalRows(
      sealed.map((customer) => ({ id: customer.id, personal_data: customer.personalData })),
      rows[0].$trx ?? db
    )
    for (const customer of rows) {
      if (!customer.personalData) {
        /* a row never sealed: read as stored; with no name either, its plaintext was erased */
        if (customer.$attributes.fullName === null) {
          customer.#applyPersonalFields(null)
          customer.$hydrateOriginals()
          customer.#sealedSnapshot = JSON.stringify(customer.personalFields())
        }
        continue
      }
      const fields = opened.get(customer.id)
      customer.#applyPersonalFields(fields ?? null)
      customer.$hydrateOriginals()
      customer.#sealedSnapshot = JSON.stringify(customer.personalFields())
    }
  }

  #applyPersonalFields(fields: PersonalFields | null) {
    this.personalDataErased = fields === null
    this.$attributes.fullName = fields ? fields.fullName : ERASED_NAME
    this.$attributes.email = fields ? fields.email : null
    this.$attributes.phone = fields?.phone ?? null
    this.$attributes.dateOfBirth = fields?.dateOfBirth ? DateTime.fromISO(fields.dateOfBirth) : null
    this.$attributes.address = fields?.address ?? null
    this.$attributes.kycDocuments = fields?.kycDocuments ?? []
    this.nationalId = fields?.nationalId ?? null
  }

  /**
   * Login lookup (withAuthFinder): the email through its blind index; a
   * row not yet sealed by its plaintext column.
   */
  static async findForAuth(this: unknown, _uids: string[], value: string): Promise<any> {
    return Customer.findByEmail(value)
  }

  /** The customer with this email (blind index; plaintext for a row not yet sealed) */
  static async findByEmail(email: string, client?: QueryClientContract | TransactionClientContract) {
    const index = await blindIndex('email', email)
    return Customer.query(client ? { client } : {})
      .where((where) =>
        where.where('email_index', index).orWhere((legacy) => legacy.whereNull('personal_data').where('email', email))
      )
      .orderByRaw('personal_data is null')
      .first()
  }
}
