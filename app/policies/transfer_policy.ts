import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type { AccessToken } from '@adonisjs/auth/access_tokens'
import Customer from '#models/customer'

/**
 * Customer money movement (API). Which accounts a customer may debit is
 * enforced by PostTransfer's ownerCustomerId; this policy decides whether
 * the current token may move money at all: only a token issued with the
 * second factor (ability "sca"). Anyone else (staff, other actors): denied.
 */
export default class TransferPolicy extends BasePolicy {
  create(user: unknown): AuthorizerResponse {
    const token = (user as { currentAccessToken?: AccessToken }).currentAccessToken
    return user instanceof Customer && token?.allows('sca') === true
  }
}
