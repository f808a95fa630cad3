import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import RequestApproval from '#actions/approvals/request_approval'
import { ROLE_LABELS, type StaffRole } from '#domain/staff/permissions'
import type { RequestContext } from '#domain/audit/actor'
import StaffEmailTakenException from '#exceptions/staff_email_taken_exception'
import StaffInvitationPendingException from '#exceptions/staff_invitation_pending_exception'

/**
 * Four-eyes: files a 'staff.invite' approval ({email, fullName, role})
 * instead of creating anyone. No staff_users row, no set-password token
 * and no mail exist until another admin approves; the approval runs
 * ApprovedStaffInvitation. Idempotent per maker and key; one pending
 * invitation per email (unique index approvals_pending_staff_invite_email_uq).
 * Throws: StaffEmailTaken, StaffInvitationPending.
 */
@inject()
export default class RequestStaffInvitation {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: {
    maker: StaffUser
    fullName: string
    email: string
    role: StaffRole
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const email = input.email.trim().toLowerCase()
    const taken = await db.from('staff_users').whereRaw('lower(email) = ?', [email]).first()
    if (taken) throw new StaffEmailTakenException()
    try {
      return await this.requestApproval.handle({
        kind: 'staff.invite',
        summary: `Invite ${input.fullName} (${email}) as ${ROLE_LABELS[input.role]}`,
        payload: { email, fullName: input.fullName, role: input.role },
        subject: null,
        maker: input.maker,
        makerReason: input.reason ?? null,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
      })
    } catch (error) {
      if ((error as any)?.constraint === 'approvals_pending_staff_invite_email_uq') {
        throw new StaffInvitationPendingException()
      }
      throw error
    }
  }
}
