import vine from '@vinejs/vine'
import { text } from '#validators/common'
import { CHANNELS, NOTIFICATION_EVENT_NAMES } from '#domain/notifications/events'

/** GET /api/v1/notifications */
export const listNotificationsValidator = vine.create({
  limit: vine.number().withoutDecimals().min(1).max(100).optional(),
  cursor: text().trim().maxLength(200).regex(/^[A-Za-z0-9_-]+$/).optional(),
  /** `unread=true`: only notifications not read yet */
  unread: vine.boolean().optional(),
})

/** PUT /api/v1/notification-preferences: the event × channel pairs to change (others keep their setting) */
export const updateNotificationPreferencesValidator = vine.create({
  preferences: vine
    .array(
      vine.object({
        event: vine.enum(NOTIFICATION_EVENT_NAMES),
        channel: vine.enum(CHANNELS),
        enabled: vine.boolean({ strict: true }),
      })
    )
    .minLength(1)
    .maxLength(100)
    .distinct(['event', 'channel']),
})
