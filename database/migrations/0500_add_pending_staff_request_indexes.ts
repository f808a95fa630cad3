import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Granting power is four-eyes (ARCHITECTURE §4): an invitation and a
 * reactivation are pending approvals until another admin decides them.
 * At most one pending invitation per e-mail (case-insensitive) and one
 * pending reactivation per staff member, enforced by the database so two
 * admins filing at the same moment cannot both succeed.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `create unique index approvals_pending_staff_invite_email_uq on approvals ((lower(payload->>'email')))
       where kind = 'staff.invite' and status = 'pending'`
    )
    this.schema.raw(
      `create unique index approvals_pending_staff_reactivate_uq on approvals (subject_id)
       where kind = 'staff.reactivate' and status = 'pending'`
    )
  }

  async down() {
    this.schema.raw('drop index if exists approvals_pending_staff_invite_email_uq')
    this.schema.raw('drop index if exists approvals_pending_staff_reactivate_uq')
  }
}
