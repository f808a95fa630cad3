import { BaseTransformer } from '@adonisjs/core/transformers'
import type Account from '#models/account'

/**
 * A customer's account in /api/v1 (ids as strings). Without the detail
 * permission (a partner with ReadAccountsBasic only) the account number
 * is left out.
 */
export default class ApiAccountTransformer extends BaseTransformer<Account> {
  toObject(detail = true) {
    return {
      id: String(this.resource.id),
      ...(detail ? { number: this.resource.number } : {}),
      kind: this.resource.kind,
      currency: this.resource.currency,
      status: this.resource.status,
      name: this.resource.name,
    }
  }
}
