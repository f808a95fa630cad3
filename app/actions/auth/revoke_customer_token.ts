import db from '@adonisjs/lucid/services/db'
import { recordAuthEvent } from '#actions/auth/customer_auth_audit'
import type { RequestContext } from '#domain/audit/actor'

export interface RevokeCustomerTokenInput {
  customerId: number
  tokenId: number
  context: RequestContext
}

/** Deletes the customer's token (sign-out) and audits it, in one transaction */
export default class RevokeCustomerToken {
  handle(input: RevokeCustomerTokenInput) {
    return db.transaction(async (trx) => {
      await trx
        .from('customer_access_tokens')
        .where({ id: input.tokenId, tokenable_id: input.customerId })
        .delete()
      await recordAuthEvent(
        {
          action: 'auth.token.revoked',
          customerId: input.customerId,
          tokenId: input.tokenId,
          context: input.context,
        },
        trx
      )
    })
  }
}
