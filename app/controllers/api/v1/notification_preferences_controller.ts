import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import NotificationQueries from '#queries/notifications/notification_queries'
import UpdateNotificationPreferences from '#actions/notifications/update_notification_preferences'
import NotificationPreferenceTransformer from '#transformers/notification_preference_transformer'
import { updateNotificationPreferencesValidator } from '#validators/notification'
import { preferenceMatrix } from '#domain/notifications/preferences'
import { auditContext } from '#services/audit/audit_trail'

/** Which events reach the customer on which channel (security notices: always, not changeable) */
export default class NotificationPreferencesController {
  @inject()
  async show({ auth }: HttpContext, notifications: NotificationQueries) {
    const customer = auth.use('api').getUserOrFail()
    const preferences = preferenceMatrix(await notifications.choices(customer.id))
    return { data: preferences.map((p) => new NotificationPreferenceTransformer(p).toObject()) }
  }

  @inject()
  async update(ctx: HttpContext, updatePreferences: UpdateNotificationPreferences) {
    const customer = ctx.auth.use('api').getUserOrFail()
    const { preferences: changes } = await ctx.request.validateUsing(updateNotificationPreferencesValidator)
    const preferences = await updatePreferences.handle({ customerId: customer.id, changes, context: auditContext(ctx) })
    return { data: preferences.map((p) => new NotificationPreferenceTransformer(p).toObject()) }
  }
}
