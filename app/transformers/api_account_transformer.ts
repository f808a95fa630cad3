import { BaseTransformer } from '@adonisjs/core/transformers'
import type Account from '#models/account'

/** A customer's account in /api/v1 (ids as strings) */
export default class ApiAccountTransformer extends BaseTransformer<Account> {
  toObject() {
    return {
      id: String(this.resource.id),
      number: this.resource.number,
      kind: this.resource.kind,
      currency: this.resource.currency,
      status: this.resource.status,
      name: this.resource.name,
    }
  }
}
