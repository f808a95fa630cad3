import NotificationNotFoundException from '#exceptions/notification_not_found_exception'
import SecurityNoticeRequiredException from '#exceptions/security_notice_required_exception'
import { CHANNELS, NOTIFICATION_EVENT_NAMES } from '#domain/notifications/events'
import { envelope, page, parameterRef, schemaRef } from '#domain/api/openapi/components'
import { json, jsonBody, type ApiArea } from '#domain/api/openapi/area'

/** In-app notifications and per-event channel preferences: NotificationsController, NotificationPreferencesController */
export const notifications: ApiArea = {
  tag: {
    name: 'Notifications',
    description:
      'What the bank told you in the app (money in and out, holds, security notices), and on which channels each event reaches you. Security notices are always sent in-app and by mail.',
  },
  schemas: {
    Notification: {
      type: 'object',
      required: ['id', 'event', 'security', 'title', 'body', 'read', 'readAt', 'createdAt'],
      properties: {
        id: schemaRef('Id'),
        event: { type: 'string', description: 'The event (see NotificationPreference.event); new events may appear.', examples: ['money_received'] },
        security: { type: 'boolean', description: 'A security notice (cannot be turned off).' },
        title: { type: 'string' },
        body: { type: 'string' },
        read: { type: 'boolean' },
        readAt: { type: ['string', 'null'], format: 'date-time' },
        createdAt: schemaRef('Timestamp'),
      },
    },
    NotificationPreference: {
      type: 'object',
      required: ['event', 'label', 'channel', 'enabled', 'security', 'changeable'],
      properties: {
        event: { type: 'string', enum: NOTIFICATION_EVENT_NAMES },
        label: { type: 'string', examples: ['Money received'] },
        channel: { type: 'string', enum: CHANNELS },
        enabled: { type: 'boolean' },
        security: { type: 'boolean' },
        changeable: { type: 'boolean', description: 'false for security notices and mandatory service notices (a missed loan repayment).' },
      },
    },
    NotificationPreferencesUpdate: {
      type: 'object',
      required: ['preferences'],
      properties: {
        preferences: {
          type: 'array',
          minItems: 1,
          maxItems: 100,
          description: 'The event × channel pairs to change (each pair once); the others keep their setting.',
          items: {
            type: 'object',
            required: ['event', 'channel', 'enabled'],
            properties: {
              event: { type: 'string', enum: NOTIFICATION_EVENT_NAMES },
              channel: { type: 'string', enum: CHANNELS },
              enabled: { type: 'boolean' },
            },
          },
        },
      },
    },
  },
  operations: [
    {
      route: 'api.v1.notifications.index',
      method: 'get',
      path: '/notifications',
      summary: 'List your notifications',
      description: 'Newest first, cursor-paginated.',
      auth: 'customer',
      parameters: [
        parameterRef('Limit'),
        parameterRef('Cursor'),
        { name: 'unread', in: 'query', description: '`true`: only those not read yet.', schema: { type: 'boolean', default: false } },
      ],
      responses: { 200: json('A page of notifications', page(schemaRef('Notification'))) },
    },
    {
      route: 'api.v1.notifications.read_all',
      method: 'post',
      path: '/notifications/read-all',
      summary: 'Mark all your notifications read',
      auth: 'customer',
      responses: {
        200: json(
          'How many were marked',
          envelope({ type: 'object', required: ['marked'], properties: { marked: { type: 'integer', minimum: 0 } } })
        ),
      },
    },
    {
      route: 'api.v1.notifications.read',
      method: 'post',
      path: '/notifications/{id}/read',
      summary: 'Mark one notification read',
      description: 'Idempotent: an already read notification keeps its readAt.',
      auth: 'customer',
      parameters: [parameterRef('Id')],
      responses: { 200: json('The notification', envelope(schemaRef('Notification'))) },
      problems: [NotificationNotFoundException],
    },
    {
      route: 'api.v1.notification_preferences.show',
      method: 'get',
      path: '/notification-preferences',
      summary: 'Get your notification preferences',
      description: 'Every event × channel, in catalogue order.',
      auth: 'customer',
      responses: { 200: json('The preferences', envelope({ type: 'array', items: schemaRef('NotificationPreference') })) },
    },
    {
      route: 'api.v1.notification_preferences.update',
      method: 'put',
      path: '/notification-preferences',
      summary: 'Change your notification preferences',
      description: 'Turning a security notice or a mandatory service notice off refuses the whole change (422 E_SECURITY_NOTICE_REQUIRED, errors[] name the items).',
      auth: 'customer',
      requestBody: jsonBody(schemaRef('NotificationPreferencesUpdate')),
      responses: { 200: json('Every preference as now in force', envelope({ type: 'array', items: schemaRef('NotificationPreference') })) },
      problems: [SecurityNoticeRequiredException],
    },
  ],
}
