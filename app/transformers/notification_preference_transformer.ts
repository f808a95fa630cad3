import { BaseTransformer } from '@adonisjs/core/transformers'
import type { PreferenceView } from '#domain/notifications/preferences'

/** One event × channel of a customer's notification preferences in /api/v1 */
export default class NotificationPreferenceTransformer extends BaseTransformer<PreferenceView> {
  toObject() {
    const preference = this.resource
    return {
      event: preference.event,
      label: preference.label,
      channel: preference.channel,
      enabled: preference.enabled,
      security: preference.security,
      changeable: preference.changeable,
    }
  }
}
