import type { ApprovalExecution, ApprovalHandler } from '#actions/approvals/approval_handler'
import AuditTrail from '#services/audit/audit_trail'
import { forgetPartnerOrigins } from '#services/oauth/partner_origins'
import PartnerNotFoundException from '#exceptions/partner_not_found_exception'
import PartnerNotSuspendedException from '#exceptions/partner_not_suspended_exception'

/**
 * Runs an approved 'openbanking.partner_reactivation' ({partnerId}) in the
 * approval's transaction: the partner must still be suspended; it is
 * active again (its consents and unexpired tokens work again), audited
 * 'openbanking.partner.reactivated' in the maker's name, approved by the checker.
 * Throws: PartnerNotFound, PartnerNotSuspended (the approval stays pending).
 */
export default class ApprovedPartnerReactivation implements ApprovalHandler {
  async execute({ approval, maker, checker, trx, context }: ApprovalExecution) {
    const { partnerId } = approval.payload as { partnerId: number }
    const partner = await trx.from('partners').where('id', Number(partnerId)).forUpdate().first()
    if (!partner) throw new PartnerNotFoundException()
    if (partner.status !== 'suspended') throw new PartnerNotSuspendedException()

    await trx.from('partners').where('id', partner.id).update({ status: 'active', updated_at: new Date() })
    await AuditTrail.record(
      {
        actor: { type: 'staff', id: maker.id },
        action: 'openbanking.partner.reactivated',
        subject: { type: 'partner', id: partner.id },
        before: { status: 'suspended' },
        after: { status: 'active' },
        metadata: { approval_id: String(approval.id), approved_by: String(checker.id), client_id: partner.client_id },
        ...context,
      },
      trx
    )
    forgetPartnerOrigins() /* its CORS origins count again (other instances: within the cache's 30 s) */
    return { partnerId: Number(partner.id) }
  }
}
