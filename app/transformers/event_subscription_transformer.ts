import { BaseTransformer } from '@adonisjs/core/transformers'
import type { EventSubscriptionRecord } from '#queries/openbanking/partner_event_queries'

/** An event subscription as UK Open Banking v4 writes it (`Data` members in PascalCase) */
export default class EventSubscriptionTransformer extends BaseTransformer<EventSubscriptionRecord> {
  toObject() {
    const subscription = this.resource
    return {
      EventSubscriptionId: subscription.id,
      CallbackUrl: subscription.callbackUrl,
      Version: subscription.version,
      EventTypes: subscription.eventTypes,
    }
  }
}
