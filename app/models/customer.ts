import { CustomerSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import Account from '#models/account'
import { idColumn } from '#models/columns'

export type KycStatus = 'pending' | 'verified' | 'rejected'

export default class Customer extends compose(
  CustomerSchema,
  withAuthFinder(hash, { uids: ['email'], passwordColumnName: 'password' })
) {
  static table = 'customers'

  @idColumn({ isPrimary: true })
  declare id: number

  declare kycStatus: KycStatus

  @hasMany(() => Account)
  declare accounts: HasMany<typeof Account>

  static accessTokens = DbAccessTokensProvider.forModel(Customer, {
    table: 'customer_access_tokens',
    type: 'customer_api_token',
    expiresIn: '1 hour',
    prefix: 'sr_',
  })
}
