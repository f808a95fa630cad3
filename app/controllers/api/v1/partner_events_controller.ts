import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PollPartnerEvents from '#actions/openbanking/poll_partner_events'
import { pollEventsValidator } from '#validators/openbanking_events'

/**
 * POST /api/v1/events: RFC 8936 polling of the partner's own events
 * (acknowledge, then receive `{ sets, moreAvailable }`), for a
 * client-credentials token of either scope. A long poll ends early when
 * the partner hangs up.
 */
@inject()
export default class PartnerEventsController {
  constructor(private poll: PollPartnerEvents) {}

  async store(ctx: HttpContext) {
    const request = await ctx.request.validateUsing(pollEventsValidator)
    const hangUp = new AbortController()
    ctx.response.response.once('close', () => hangUp.abort())
    return this.poll.handle({ partnerId: ctx.partnerCaller!.partner.id, request, signal: hangUp.signal })
  }
}
