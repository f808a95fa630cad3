import { CustomerSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import Account from '#models/account'
import { idColumn } from '#models/columns'
import type { CustomerAddress, KycDocument } from '#domain/customers/customer_record'

export type KycStatus = 'pending' | 'verified' | 'rejected'

/** jsonb columns: stored as JSON text (the pg driver would send arrays as SQL arrays) */
const jsonColumn = () =>
  column({ prepare: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)) })

export default class Customer extends compose(
  CustomerSchema,
  withAuthFinder(hash, { uids: ['email'], passwordColumnName: 'password' })
) {
  static table = 'customers'

  @idColumn({ isPrimary: true })
  declare id: number

  declare kycStatus: KycStatus

  /** Sensitive: masked in the backoffice unless revealed (audited) */
  @jsonColumn()
  declare address: CustomerAddress | null

  /** KYC document metadata; the files live on the drive disk under `key` */
  @jsonColumn()
  declare kycDocuments: KycDocument[]

  @hasMany(() => Account)
  declare accounts: HasMany<typeof Account>

  static accessTokens = DbAccessTokensProvider.forModel(Customer, {
    table: 'customer_access_tokens',
    type: 'customer_api_token',
    expiresIn: '1 hour',
    prefix: 'sr_',
  })
}
