import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import RequestApproval from '#actions/approvals/request_approval'
import type StaffUser from '#models/staff_user'
import { createStaff } from '#tests/functional/backoffice/helpers'

const context = { ip: '127.0.0.1', requestId: 'test-approvals' }

/**
 * A pending 'staff.role_change' filed by `maker` through RequestApproval
 * (as the staff pages do): a fresh teller to be made compliance officer.
 */
export async function pendingRoleChange(maker: StaffUser, reason = 'Moves to the compliance team') {
  const { staff: target } = await createStaff({ role: 'teller', enrolled: true })
  const { approval } = await (await app.container.make(RequestApproval)).handle({
    kind: 'staff.role_change',
    summary: `Change ${target.email} from teller to compliance`,
    payload: { staffId: Number(target.id), fromRole: 'teller', toRole: 'compliance' },
    subject: { type: 'staff', id: target.id },
    maker,
    makerReason: reason,
    idempotencyKey: randomUUID(),
    context,
  })
  return { approval, target }
}

/** A pending 'staff.reset_2fa' of a fresh, enrolled teller, filed by `maker` */
export async function pendingTwoFactorReset(maker: StaffUser) {
  const { staff: target } = await createStaff({ role: 'teller', enrolled: true })
  const { approval } = await (await app.container.make(RequestApproval)).handle({
    kind: 'staff.reset_2fa',
    summary: `Reset two-factor authentication of ${target.email}`,
    payload: { staffId: Number(target.id) },
    subject: { type: 'staff', id: target.id },
    maker,
    makerReason: 'Lost phone',
    idempotencyKey: randomUUID(),
    context,
  })
  return { approval, target }
}
