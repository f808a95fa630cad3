import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Approval from '#models/approval'
import StaffPolicy from '#policies/staff_policy'
import { ROLE_LABELS, STAFF_ROLES } from '#domain/staff/permissions'

/** The `can` flags of the Staff & roles pages, from StaffPolicy */
export async function staffPageCan(bouncer: HttpContext['bouncer']) {
  const policy = bouncer.with(StaffPolicy)
  return { viewStaff: await policy.allows('viewAny'), manageStaff: await policy.allows('manage') }
}

export function staffRoleOptions() {
  return STAFF_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))
}

/** Pending four-eyes requests about one staff member (role change, 2FA reset, reactivation) */
export async function pendingStaffApprovals(staffId: number) {
  const rows = await Approval.query()
    .where('subject_type', 'staff_user')
    .where('subject_id', String(staffId))
    .where('status', 'pending')
    .whereIn('kind', ['staff.role_change', 'staff.reset_2fa', 'staff.reactivate'])
    .orderBy('id', 'desc')
  return rows.map((approval) => ({
    id: Number(approval.id),
    kind: approval.kind,
    summary: approval.summary,
    makerId: approval.makerId,
    createdAt: approval.createdAt.toISO(),
  }))
}

/** Invitations waiting for a second administrator (nobody is created before approval) */
export async function pendingStaffInvitations() {
  const rows = await Approval.query().where('kind', 'staff.invite').where('status', 'pending').orderBy('id', 'desc').limit(50)
  return rows.map((approval) => ({
    id: Number(approval.id),
    summary: approval.summary,
    makerId: approval.makerId,
    createdAt: approval.createdAt.toISO(),
    url: router.urlBuilder.urlFor('backoffice.approvals.show', { id: Number(approval.id) }),
  }))
}
