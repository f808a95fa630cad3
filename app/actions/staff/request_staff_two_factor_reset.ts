import { inject } from '@adonisjs/core'
import StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import type { RequestContext } from '#domain/audit/actor'
import StaffNotFoundException from '#exceptions/staff_not_found_exception'
import TwoFactorNotEnrolledException from '#exceptions/two_factor_not_enrolled_exception'

/**
 * Four-eyes: files a 'staff.reset_2fa' approval ({staffId}) for a staff
 * member who lost their authenticator; another admin's approval runs
 * ApprovedTwoFactorReset. Idempotent per maker and key.
 * Throws: StaffNotFound, TwoFactorNotEnrolled.
 */
@inject()
export default class RequestStaffTwoFactorReset {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: {
    maker: StaffUser
    staffId: number
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const target = await StaffUser.find(input.staffId)
    if (!target) throw new StaffNotFoundException()
    if (target.totpSecret === null) throw new TwoFactorNotEnrolledException()
    return this.requestApproval.handle({
      kind: 'staff.reset_2fa',
      summary: `Reset the two-factor authentication of ${target.fullName} (${target.email})`,
      payload: { staffId: Number(target.id) },
      subject: { type: 'staff_user', id: Number(target.id) },
      maker: input.maker,
      makerReason: input.reason ?? null,
      idempotencyKey: input.idempotencyKey,
      context: input.context,
    })
  }
}
