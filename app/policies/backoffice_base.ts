import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import StaffUser from '#models/staff_user'
import type Customer from '#models/customer'
import { type Permission, roleCan } from '#domain/staff/permissions'

/**
 * Base of every backoffice policy. Deny by default: `before()` refuses
 * anyone who is not an active staff member (customers of the API guard,
 * guests, deactivated staff); each verb then asks the permission matrix
 * (#domain/staff/permissions) through `may()`. Never check roles anywhere
 * else.
 */
/** Whoever the auth guards produced: policy verbs take this and let `before()` filter */
export type BackofficeUser = StaffUser | Customer

export default class BackofficeBasePolicy extends BasePolicy {
  before(user: BackofficeUser | null) {
    if (!(user instanceof StaffUser) || !user.isActive) return false
  }

  protected may(user: BackofficeUser, permission: Permission): AuthorizerResponse {
    return user instanceof StaffUser && roleCan(user.role, permission)
  }
}
