import type StaffUser from '#models/staff_user'
import { ApprovalFactory } from '#database/factories/approval_factory'
import { createStaff } from '#tests/helpers/staff'

/**
 * Pending four-eyes requests about a fresh, enrolled teller, filed by
 * `maker` through ApprovalFactory (that is, RequestApproval, as the staff
 * pages file them).
 */

/** A pending 'staff.role_change': the fresh teller to be made compliance officer */
export async function pendingRoleChange(maker: StaffUser, reason = 'Moves to the compliance team') {
  const { staff: target } = await createStaff({ role: 'teller', enrolled: true })
  const approval = await ApprovalFactory.merge({
    kind: 'staff.role_change',
    summary: `Change ${target.email} from teller to compliance`,
    payload: { staffId: Number(target.id), fromRole: 'teller', toRole: 'compliance' },
    subjectType: 'staff',
    subjectId: String(target.id),
    makerId: maker.id,
    makerReason: reason,
  }).create()
  return { approval, target }
}

/** A pending 'staff.reset_2fa' of the fresh teller */
export async function pendingTwoFactorReset(maker: StaffUser) {
  const { staff: target } = await createStaff({ role: 'teller', enrolled: true })
  const approval = await ApprovalFactory.merge({
    kind: 'staff.reset_2fa',
    summary: `Reset two-factor authentication of ${target.email}`,
    payload: { staffId: Number(target.id) },
    subjectType: 'staff',
    subjectId: String(target.id),
    makerId: maker.id,
    makerReason: 'Lost phone',
  }).create()
  return { approval, target }
}
