import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import NotificationQueries from '#queries/notifications/notification_queries'
import AuditTrail from '#services/audit/audit_trail'
import type { RequestContext } from '#domain/audit/actor'
import { eventDefinition } from '#domain/notifications/events'
import {
  effectiveChanges,
  preferenceMatrix,
  refusedChanges,
  type PreferenceChoice,
  type PreferenceView,
} from '#domain/notifications/preferences'
import SecurityNoticeRequiredException from '#exceptions/security_notice_required_exception'

/**
 * A customer turns channels of events on or off. All or nothing: a change
 * that would turn a security notice (or a mandatory service notice, such as
 * a missed loan repayment) off refuses the whole request. Only
 * real changes are stored (upsert per event and channel) and audited as
 * one 'notification.preferences.changed' row (before / after), in one
 * transaction. Returns every event × channel as now in force.
 * Throws: SecurityNoticeRequired (422, errors[] name the refused items).
 */
@inject()
export default class UpdateNotificationPreferences {
  constructor(private queries: NotificationQueries) {}

  async handle(input: { customerId: number; changes: PreferenceChoice[]; context: RequestContext }): Promise<PreferenceView[]> {
    const refused = refusedChanges(input.changes)
    if (refused.length) {
      const error = new SecurityNoticeRequiredException()
      error.errors = refused.map((index) => ({
        field: `preferences.${index}.enabled`,
        message: `${input.changes[index].event} is ${eventDefinition(input.changes[index].event).security ? 'a security notice' : 'a mandatory service notice'}: it cannot be turned off`,
        rule: 'securityNotice',
      }))
      throw error
    }
    return db.transaction(async (trx) => {
      /* two concurrent changes of one customer run one after the other (the audited before / after stay true) */
      await trx.rawQuery('select pg_advisory_xact_lock(hashtext(?), (?::bigint % 2147483647)::int)', ['notification_preferences', input.customerId])
      const current = preferenceMatrix(await this.queries.choices(input.customerId, trx))
      const changes = effectiveChanges(current, input.changes)
      if (changes.length === 0) return current
      const now = new Date()
      await trx
        .insertQuery()
        .table('notification_preferences')
        .insert(changes.map((c) => ({ customer_id: input.customerId, event: c.event, channel: c.channel, enabled: c.enabled, updated_at: now })))
        .onConflict(['customer_id', 'event', 'channel'])
        .merge(['enabled', 'updated_at'])
      await AuditTrail.record(
        {
          actor: { type: 'customer', id: input.customerId },
          action: 'notification.preferences.changed',
          subject: { type: 'customer', id: input.customerId },
          before: changes.map((c) => ({ event: c.event, channel: c.channel, enabled: !c.enabled })),
          after: changes.map((c) => ({ event: c.event, channel: c.channel, enabled: c.enabled })),
          ...input.context,
        },
        trx
      )
      return preferenceMatrix(await this.queries.choices(input.customerId, trx))
    })
  }
}
