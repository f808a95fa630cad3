import db from '@adonisjs/lucid/services/db'
import type StaffUser from '#models/staff_user'
import AuditTrail from '#services/audit/audit_trail'
import { forgetPartnerOrigins } from '#services/oauth/partner_origins'
import type { RequestContext } from '#domain/audit/actor'
import PartnerNotFoundException from '#exceptions/partner_not_found_exception'
import PartnerAlreadySuspendedException from '#exceptions/partner_already_suspended_exception'

/**
 * Suspends a partner at once (taking power away needs one person; giving
 * it back is four-eyes: RequestPartnerReactivation). The row is locked;
 * from the commit on, the authorization server treats the partner as an
 * unknown client and the API refuses its tokens (the auth middleware
 * checks the partner's status), on every instance; its CORS origins are
 * dropped here at once and elsewhere within the origins cache's 30 s. Its
 * consents and grants are kept, so a reactivation restores them. Audited
 * 'openbanking.partner.suspended' with the reason.
 * Throws: PartnerNotFound, PartnerAlreadySuspended.
 */
export default class SuspendPartner {
  async handle(input: { admin: StaffUser; partnerId: number; reason: string; context: RequestContext }) {
    const suspended = await db.transaction(async (trx) => {
      const partner = await trx.from('partners').where('id', input.partnerId).forUpdate().first()
      if (!partner) throw new PartnerNotFoundException()
      if (partner.status === 'suspended') throw new PartnerAlreadySuspendedException()
      await trx.from('partners').where('id', partner.id).update({ status: 'suspended', updated_at: new Date() })
      await AuditTrail.record(
        {
          actor: { type: 'staff', id: input.admin.id },
          action: 'openbanking.partner.suspended',
          subject: { type: 'partner', id: partner.id },
          before: { status: 'active' },
          after: { status: 'suspended', reason: input.reason },
          metadata: { client_id: partner.client_id },
          ...input.context,
        },
        trx
      )
      return { partnerId: Number(partner.id), name: partner.name as string }
    })
    forgetPartnerOrigins()
    return suspended
  }
}
