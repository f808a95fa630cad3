import { setTimeout as sleep } from 'node:timers/promises'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import PartnerEventQueries from '#queries/openbanking/partner_event_queries'
import { signSecurityEvent } from '#services/oauth/security_event_tokens'
import type { pollEventsValidator } from '#validators/openbanking_events'

/** SETs per poll when the partner names no maxEvents */
export const DEFAULT_MAX_EVENTS = 25
/** How long a long poll (returnImmediately false) waits for an event, and how often it looks */
export const LONG_POLL_MS = 10_000
const LONG_POLL_STEP_MS = 500

export interface PollResult {
  /** jti → SET (the same signed token a push sends) */
  sets: Record<string, string>
  moreAvailable: boolean
}

/**
 * RFC 8936 polling (POST /api/v1/events), the fallback for a partner
 * whose callback is down, or that has none: first acknowledges the SETs
 * it names in `ack` and `setErrs` (the latter with the partner's error
 * kept for staff; jtis of other partners or already acknowledged are
 * ignored), then returns up to `maxEvents` of its unacknowledged events,
 * oldest first, and whether more wait. With nothing to return and
 * `returnImmediately` false (the RFC's default) it waits up to
 * LONG_POLL_MS for one; maxEvents 0 only acknowledges. An event
 * acknowledged here is not pushed any more.
 */
@inject()
export default class PollPartnerEvents {
  constructor(private queries: PartnerEventQueries) {}

  async handle(input: { partnerId: number; request: Infer<typeof pollEventsValidator>; signal?: AbortSignal }): Promise<PollResult> {
    const { ack = [], setErrs = {}, maxEvents = DEFAULT_MAX_EVENTS, returnImmediately = false } = input.request
    await this.acknowledge(input.partnerId, ack, setErrs)
    if (maxEvents === 0) return { sets: {}, moreAvailable: false }

    const deadline = Date.now() + (returnImmediately ? 0 : LONG_POLL_MS)
    let page = await this.queries.unacknowledged(input.partnerId, maxEvents)
    while (page.events.length === 0 && Date.now() < deadline && !input.signal?.aborted) {
      await sleep(Math.min(LONG_POLL_STEP_MS, Math.max(0, deadline - Date.now())))
      page = await this.queries.unacknowledged(input.partnerId, maxEvents)
    }
    const sets: Record<string, string> = {}
    for (const event of page.events) sets[event.jti] = await signSecurityEvent(event.claims)
    return { sets, moreAvailable: page.more }
  }

  private async acknowledge(partnerId: number, ack: string[], setErrs: Record<string, { err: string; description?: string }>) {
    const errored = Object.entries(setErrs)
    if (ack.length === 0 && errored.length === 0) return
    await db.transaction(async (trx) => {
      const now = new Date()
      if (ack.length > 0) {
        await trx
          .from('openbanking_events')
          .where('partner_id', partnerId)
          .whereIn('jti', ack)
          .whereNull('acknowledged_at')
          .update({ acknowledged_at: now, acknowledged_by: 'poll' })
      }
      for (const [jti, error] of errored) {
        await trx
          .from('openbanking_events')
          .where({ partner_id: partnerId, jti })
          .whereNull('acknowledged_at')
          .update({ acknowledged_at: now, acknowledged_by: 'poll', receiver_error: JSON.stringify(error) })
      }
    })
  }
}
