import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CreateEventSubscription from '#actions/openbanking/create_event_subscription'
import UpdateEventSubscription from '#actions/openbanking/update_event_subscription'
import DeleteEventSubscription from '#actions/openbanking/delete_event_subscription'
import PartnerEventQueries, { type EventSubscriptionRecord } from '#queries/openbanking/partner_event_queries'
import EventSubscriptionTransformer from '#transformers/event_subscription_transformer'
import {
  createEventSubscriptionValidator,
  eventSubscriptionIdValidator,
  updateEventSubscriptionValidator,
} from '#validators/openbanking_events'
import { auditContext } from '#services/audit/audit_trail'
import EventSubscriptionNotFoundException from '#exceptions/event_subscription_not_found_exception'

/**
 * Event subscriptions (UK OB v4 shape), for a partner's client-credentials
 * token of either scope (PartnerAuthMiddleware): create, list, read,
 * change and delete its own.
 */
@inject()
export default class EventSubscriptionsController {
  constructor(private queries: PartnerEventQueries) {}

  async store(ctx: HttpContext) {
    const request = await ctx.request.validateUsing(createEventSubscriptionValidator)
    const { partner, token } = ctx.partnerCaller!
    const subscription = await new CreateEventSubscription().handle({
      partnerId: partner.id,
      scopes: token.scopes,
      request,
      context: auditContext(ctx),
    })
    return ctx.response.created(this.document(subscription))
  }

  async index(ctx: HttpContext) {
    const subscriptions = await this.queries.subscriptionsOf(ctx.partnerCaller!.partner.id)
    return {
      Data: { EventSubscription: subscriptions.map((s) => new EventSubscriptionTransformer(s).toObject()) },
      Links: { Self: urlFor('api.v1.event_subscriptions.index') },
      Meta: {},
    }
  }

  async show(ctx: HttpContext) {
    return this.document(await this.owned(ctx))
  }

  async update(ctx: HttpContext) {
    const { id } = await this.owned(ctx)
    const request = await ctx.request.validateUsing(updateEventSubscriptionValidator)
    const { partner, token } = ctx.partnerCaller!
    const subscription = await new UpdateEventSubscription().handle({
      subscriptionId: id,
      partnerId: partner.id,
      scopes: token.scopes,
      request,
      context: auditContext(ctx),
    })
    return this.document(subscription)
  }

  async destroy(ctx: HttpContext) {
    const { id } = await this.owned(ctx)
    await new DeleteEventSubscription().handle({ subscriptionId: id, partnerId: ctx.partnerCaller!.partner.id, context: auditContext(ctx) })
    return ctx.response.noContent()
  }

  private async owned(ctx: HttpContext) {
    const { id } = await eventSubscriptionIdValidator.validate(ctx.params).catch(() => {
      throw new EventSubscriptionNotFoundException()
    })
    const subscription = await this.queries.ownedSubscription(id, ctx.partnerCaller!.partner.id)
    if (!subscription) throw new EventSubscriptionNotFoundException()
    return subscription
  }

  private document(subscription: EventSubscriptionRecord) {
    return {
      Data: new EventSubscriptionTransformer(subscription).toObject(),
      Links: { Self: urlFor('api.v1.event_subscriptions.show', { id: subscription.id }) },
      Meta: {},
    }
  }
}
