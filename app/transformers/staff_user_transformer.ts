import { BaseTransformer } from '@adonisjs/core/transformers'
import type StaffUser from '#models/staff_user'

/** The signed-in staff member as shown in the backoffice shell */
export default class StaffUserTransformer extends BaseTransformer<StaffUser> {
  toObject() {
    return {
      id: Number(this.resource.id),
      email: this.resource.email,
      fullName: this.resource.fullName,
      role: this.resource.role,
    }
  }
}
