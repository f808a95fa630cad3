import {
  CHANNELS,
  NOTIFICATION_EVENT_NAMES,
  eventDefinition,
  type Channel,
  type NotificationEvent,
} from '#domain/notifications/events'

/**
 * Notification preferences, per event and channel. Pure. The database
 * keeps only what a customer chose (notification_preferences); anything
 * not chosen follows the event's defaults; security notices and mandatory
 * service notices are on, on every channel, whatever is stored.
 */
export interface PreferenceChoice {
  event: NotificationEvent
  channel: Channel
  enabled: boolean
}

export interface PreferenceView extends PreferenceChoice {
  label: string
  security: boolean
  /** false for security notices and mandatory service notices: they cannot be turned off */
  changeable: boolean
}

const keyOf = (event: string, channel: string) => `${event}:${channel}`

/** Whether each channel is on for one event, given the customer's stored choices */
export function channelsFor(event: NotificationEvent, choices: Array<Omit<PreferenceChoice, 'event'> & { event: string }>): Record<Channel, boolean> {
  const definition = eventDefinition(event)
  const result = { ...definition.defaults }
  if (definition.mandatory) return { in_app: true, mail: true }
  for (const choice of choices) {
    if (choice.event === event) result[choice.channel] = choice.enabled
  }
  return result
}

/** Every event × channel, in catalogue order, as the customer's preferences page shows them */
export function preferenceMatrix(choices: Array<Omit<PreferenceChoice, 'event'> & { event: string }>): PreferenceView[] {
  return NOTIFICATION_EVENT_NAMES.flatMap((event) => {
    const definition = eventDefinition(event)
    const channels = channelsFor(event, choices)
    return CHANNELS.map((channel) => ({
      event,
      channel,
      enabled: channels[channel],
      label: definition.label,
      security: definition.security,
      changeable: !definition.mandatory,
    }))
  })
}

/** The positions of changes that would turn a security or mandatory service notice off (refused as a whole) */
export function refusedChanges(changes: PreferenceChoice[]): number[] {
  return changes.flatMap((change, index) => (eventDefinition(change.event).mandatory && !change.enabled ? [index] : []))
}

/** The changes that differ from what is in force now (what gets stored and audited) */
export function effectiveChanges(current: PreferenceView[], changes: PreferenceChoice[]): PreferenceChoice[] {
  const now = new Map(current.map((view) => [keyOf(view.event, view.channel), view]))
  const last = new Map(changes.map((change) => [keyOf(change.event, change.channel), change]))
  return [...last.values()].filter((change) => {
    const view = now.get(keyOf(change.event, change.channel))
    return view !== undefined && view.changeable && view.enabled !== change.enabled
  })
}
