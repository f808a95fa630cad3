import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Partners in the backoffice: a reactivation gives a suspended partner its
 * access back, so it is four-eyes (ARCHITECTURE §4) and at most one is
 * pending per partner, enforced by the database so two admins filing at
 * the same moment cannot both succeed (as for staff, migration 0500).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `create unique index approvals_pending_partner_reactivation_uq on approvals (subject_id)
       where kind = 'openbanking.partner_reactivation' and status = 'pending'`
    )
  }

  async down() {
    this.schema.raw('drop index if exists approvals_pending_partner_reactivation_uq')
  }
}
