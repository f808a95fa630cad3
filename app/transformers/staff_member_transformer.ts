import { BaseTransformer } from '@adonisjs/core/transformers'
import type StaffUser from '#models/staff_user'
import { ROLE_LABELS } from '#domain/staff/permissions'

/** A staff member as admins see them in Staff & roles (never secrets or hashes) */
export default class StaffMemberTransformer extends BaseTransformer<StaffUser> {
  toObject() {
    const staff = this.resource
    return {
      id: Number(staff.id),
      fullName: staff.fullName,
      email: staff.email,
      role: staff.role,
      roleLabel: ROLE_LABELS[staff.role],
      status: staff.isActive ? 'active' : 'inactive',
      twoFactorEnrolled: staff.totpSecret !== null,
      invited: staff.isActive && staff.totpSecret === null && staff.lastLoginAt === null,
      lastLoginAt: staff.lastLoginAt?.toISO() ?? null,
      createdAt: staff.createdAt.toISO(),
    }
  }
}
