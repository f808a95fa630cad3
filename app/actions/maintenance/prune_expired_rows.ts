import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { pruneExpired } from '#services/oauth/oauth_store'

/** How long rows that nothing reads any more are kept */
export const RETENTION = {
  /** payment_guard() reads today's total only; a month stays for enquiries */
  paymentDailyTotalsDays: 35,
  /** Ended staff sessions (sign-ins and sign-outs stay in the audit trail) */
  endedStaffSessionsDays: 90,
  /** Partner events (and their delivery log) this long after they were created: acknowledged or given up */
  partnerEventsDays: 90,
} as const

/**
 * The daily 'maintenance.prune' job (scheduled by `node ace queue:work`,
 * config/queue.ts): deletes the rows that no rule reads any more. Safe to
 * run any number of times; each run deletes what is due.
 */
export default class PruneExpiredRows {
  async handle() {
    const totals = await db
      .from('payment_daily_totals')
      .whereRaw('day < current_date - ?::int', [RETENTION.paymentDailyTotalsDays])
      .delete()
    const sessions = await db
      .from('staff_sessions')
      .whereNotNull('ended_at')
      .whereRaw("ended_at < now() - make_interval(days => ?::int)", [RETENTION.endedStaffSessionsDays])
      .delete()
    /* the authorization server's expired artefacts (codes, tokens, sessions, DPoP proof ids) */
    const oauthRecords = await pruneExpired()
    const events = await db.rawQuery(
      `with old as (select id from openbanking_events where created_at < now() - make_interval(days => ?::int)),
            deliveries as (delete from openbanking_event_deliveries where event_id in (select id from old))
       delete from openbanking_events where id in (select id from old)`,
      [RETENTION.partnerEventsDays]
    )
    const deleted = {
      paymentDailyTotals: Number(totals),
      endedStaffSessions: Number(sessions),
      oauthRecords,
      partnerEvents: events.rowCount ?? 0,
    }
    logger.info(deleted, 'pruned expired rows')
    return deleted
  }
}
