import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import { recordAuthEvent } from '#actions/auth/customer_auth_audit'
import AuthenticateCustomer from '#actions/auth/authenticate_customer'
import RecordSignInDevice from '#actions/notifications/record_sign_in_device'
import type { RequestContext } from '#domain/audit/actor'

export interface IssueCustomerTokenInput {
  email: string
  password: string
  otp?: string | null
  /** The client's User-Agent: with the IP, the device a new-device notice is about */
  userAgent?: string | null
  context: RequestContext
}

export const TOKEN_PREFIX = 'sr_'
export const TOKEN_TYPE = 'customer_api_token'
const TOKEN_LIFETIME = '1 hour'

/**
 * Customer sign-in for the API: password, then TOTP when enrolled
 * (AuthenticateCustomer: throttled, same answer for every failure,
 * failures audited). Issues an opaque 1-hour bearer token, hashed at
 * rest, with ability "sca" when the second factor was passed; a full
 * success gives the attempt back to the throttle. A token
 * issued from a device (IP + User-Agent) the customer never signed in
 * from notifies 'new_device_sign_in', in the token's transaction.
 */
@inject()
export default class IssueCustomerToken {
  constructor(
    private authenticate: AuthenticateCustomer,
    private devices: RecordSignInDevice
  ) {}

  async handle(input: IssueCustomerTokenInput) {
    const { customerId, sca, signedIn } = await this.authenticate.handle({ ...input, purpose: 'api_token' })
    const token = await this.createToken(customerId, sca ? ['sca'] : [], input)
    await signedIn()
    return token
  }

  /** Token row, its audit row and the sign-in device (new-device notice) in one transaction */
  private createToken(customerId: number, abilities: string[], input: IssueCustomerTokenInput) {
    const transient = AccessToken.createTransientToken(customerId, 40, TOKEN_LIFETIME)
    return db.transaction(async (trx) => {
      const now = new Date()
      const [row] = await trx
        .table('customer_access_tokens')
        .insert({
          tokenable_id: customerId, type: TOKEN_TYPE, name: 'api', hash: transient.hash,
          abilities: JSON.stringify(abilities), created_at: now, updated_at: now,
          last_used_at: null, expires_at: transient.expiresAt,
        })
        .returning('id')
      const id = Number(row.id ?? row)
      await recordAuthEvent({ action: 'auth.token.issued', customerId, tokenId: id, context: input.context, metadata: { abilities } }, trx)
      await this.devices.handle({ trx, customerId, ip: input.context.ip, userAgent: input.userAgent ?? null, at: now })
      const token = new AccessToken({
        identifier: id, tokenableId: customerId, type: TOKEN_TYPE, name: 'api', hash: transient.hash,
        prefix: TOKEN_PREFIX, secret: transient.secret, abilities, createdAt: now, updatedAt: now,
        lastUsedAt: null, expiresAt: transient.expiresAt!,
      })
      return { value: token.value!.release(), expiresAt: transient.expiresAt!, abilities }
    })
  }
}
