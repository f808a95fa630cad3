import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Approval from '#models/approval'
import StaffUser from '#models/staff_user'
import { APPROVAL_KINDS } from '#domain/approvals/approval_kinds'
import { roleCan } from '#domain/staff/permissions'
import { approvalHandlerFor } from '#actions/approvals/approval_registry'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import ApprovalNotFoundException from '#exceptions/approval_not_found_exception'
import ApprovalAlreadyDecidedException from '#exceptions/approval_already_decided_exception'
import MakerCannotApproveException from '#exceptions/maker_cannot_approve_exception'
import { AuthorizationResponse, errors as bouncerErrors } from '@adonisjs/bouncer'

export interface DecideApprovalInput {
  approvalId: number
  checker: StaffUser
  decision: 'approve' | 'reject'
  reason?: string | null
  context: RequestContext
}

/**
 * The checker's decision. In ONE transaction: lock the approval row, refuse
 * a decided one (so a double-click or two checkers execute it once), refuse
 * the maker, refuse a checker without the kind's permission; on approval
 * run the kind's handler, then record the decision and its audit row. A
 * handler failure rolls everything back and leaves the approval pending.
 */
export default class DecideApproval {
  async handle(input: DecideApprovalInput): Promise<Approval> {
    return db.transaction(async (trx) => {
      const approval = await Approval.query({ client: trx })
        .where('id', input.approvalId)
        .forUpdate()
        .first()
      if (!approval) throw new ApprovalNotFoundException()
      if (approval.status !== 'pending') throw new ApprovalAlreadyDecidedException()
      if (approval.makerId === Number(input.checker.id)) throw new MakerCannotApproveException()
      if (!roleCan(input.checker.role, APPROVAL_KINDS[approval.kind].decidedWith)) {
        throw new bouncerErrors.E_AUTHORIZATION_FAILURE(AuthorizationResponse.deny())
      }

      let result: Record<string, unknown> | null = null
      if (input.decision === 'approve') {
        const maker = await StaffUser.findOrFail(approval.makerId, { client: trx })
        const handler = await approvalHandlerFor(approval.kind)
        result = await handler.execute({
          approval,
          maker,
          checker: input.checker,
          trx,
          context: input.context,
        })
      }

      approval.useTransaction(trx)
      approval.merge({
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        checkerId: Number(input.checker.id),
        decisionReason: input.reason ?? null,
        decidedAt: DateTime.now(),
        result,
      })
      await approval.save()
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.checker.id },
          action: input.decision === 'approve' ? 'approval.approved' : 'approval.rejected',
          subject: { type: 'approval', id: approval.id },
          before: { status: 'pending' },
          after: { status: approval.status, reason: input.reason ?? null, result },
          metadata: { kind: approval.kind, maker_id: String(approval.makerId) },
          ...input.context,
        },
        trx
      )
      return approval
    })
  }
}
