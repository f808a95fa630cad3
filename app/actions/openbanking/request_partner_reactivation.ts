import { inject } from '@adonisjs/core'
import type StaffUser from '#models/staff_user'
import Partner from '#models/partner'
import RequestApproval from '#actions/approvals/request_approval'
import type { RequestContext } from '#domain/audit/actor'
import PartnerNotFoundException from '#exceptions/partner_not_found_exception'
import PartnerNotSuspendedException from '#exceptions/partner_not_suspended_exception'
import PartnerReactivationPendingException from '#exceptions/partner_reactivation_pending_exception'

/**
 * Four-eyes: files an 'openbanking.partner_reactivation' approval
 * ({partnerId}) for a suspended partner instead of reactivating it
 * (granting access back is four-eyes, ARCHITECTURE §4); another
 * administrator's approval runs ApprovedPartnerReactivation. Idempotent
 * per maker and key; one pending reactivation per partner
 * (approvals_pending_partner_reactivation_uq).
 * Throws: PartnerNotFound, PartnerNotSuspended, PartnerReactivationPending.
 */
@inject()
export default class RequestPartnerReactivation {
  constructor(private requestApproval: RequestApproval) {}

  async handle(input: {
    maker: StaffUser
    partnerId: number
    reason?: string | null
    idempotencyKey: string
    context: RequestContext
  }) {
    const partner = await Partner.find(input.partnerId)
    if (!partner) throw new PartnerNotFoundException()
    if (partner.status !== 'suspended') throw new PartnerNotSuspendedException()
    try {
      return await this.requestApproval.handle({
        kind: 'openbanking.partner_reactivation',
        summary: `Reactivate partner "${partner.name}" (${partner.clientId})`,
        payload: { partnerId: Number(partner.id), name: partner.name, clientId: partner.clientId },
        subject: { type: 'partner', id: Number(partner.id) },
        maker: input.maker,
        makerReason: input.reason ?? null,
        idempotencyKey: input.idempotencyKey,
        context: input.context,
      })
    } catch (error) {
      if ((error as any)?.constraint === 'approvals_pending_partner_reactivation_uq') {
        throw new PartnerReactivationPendingException()
      }
      throw error
    }
  }
}
