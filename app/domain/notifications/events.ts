import { isSupportedCurrency } from '#domain/money/currencies'
import { formatAmount, formatUtc } from '#domain/notifications/format'

/**
 * The notification catalogue: every event a customer can be told about,
 * its label, whether it is a security notice, its default channels, the
 * fields its data carries and the title and body built from them. Pure.
 *
 * Security notices (`security()`) cannot be turned off on any channel.
 * Data holds what the texts need and nothing else (amounts in minor units,
 * currency, the last four characters of an account number, an instant):
 * never a name or an e-mail address, and keys outside `fields` are refused
 * (checkEventData), so personal data cannot slip into job rows.
 *
 * Adding an event (a loan or consent event of a later issue) is one entry
 * below; producers then call NotifyCustomer with it.
 */
export const CHANNELS = ['in_app', 'mail'] as const
export type Channel = (typeof CHANNELS)[number]

/** A data field: integer minor units, ISO 4217 code, account ending, ISO instant, IP address, or one of a list */
export type FieldKind = 'minor' | 'currency' | 'ending' | 'instant' | 'ip' | readonly string[]
type Fields = Record<string, FieldKind>
type DataOf<F extends Fields> = { [K in keyof F]: F[K] extends readonly (infer V)[] ? V : string }

export interface NotificationText {
  title: string
  body: string
}

export interface EventDefinition<F extends Fields = Fields> {
  label: string
  /** A security notice: always in-app and mailed; preferences cannot turn it off */
  security: boolean
  /** Channels on when the customer has not chosen */
  defaults: Record<Channel, boolean>
  fields: F
  text(data: DataOf<F>): NotificationText
}

const ON_BOTH = { in_app: true, mail: true }
const IN_APP_ONLY = { in_app: true, mail: false }

/** An ordinary event: the customer may turn each channel on or off */
const notice = <F extends Fields>(label: string, defaults: Record<Channel, boolean>, fields: F, text: (data: DataOf<F>) => NotificationText): EventDefinition<F> =>
  ({ label, security: false, defaults, fields, text })

/** A security notice: in-app and mail, always */
const security = <F extends Fields>(label: string, fields: F, text: (data: DataOf<F>) => NotificationText): EventDefinition<F> =>
  ({ label, security: true, defaults: ON_BOTH, fields, text })

const MOVEMENT = { amountMinor: 'minor', currency: 'currency', accountEnding: 'ending' } as const
const ACCOUNT = { accountEnding: 'ending' } as const
const CONTACT_US = 'If this was not you, contact us at once.'
const amount = (d: { amountMinor: string; currency: string }) => formatAmount(d.amountMinor, d.currency)

export const NOTIFICATION_EVENTS = {
  money_received: notice('Money received', IN_APP_ONLY, MOVEMENT, (d) => ({
    title: `Money received: ${amount(d)}`,
    body: `${amount(d)} was paid into your account ending ${d.accountEnding}.`,
  })),
  money_sent: notice('Money sent', IN_APP_ONLY, MOVEMENT, (d) => ({
    title: `Payment sent: ${amount(d)}`,
    body: `${amount(d)} was paid from your account ending ${d.accountEnding}.`,
  })),
  large_withdrawal: notice('Large withdrawal', ON_BOTH, MOVEMENT, (d) => ({
    title: `Large withdrawal: ${amount(d)}`,
    body: `${amount(d)} was withdrawn from your account ending ${d.accountEnding}. ${CONTACT_US}`,
  })),
  hold_placed: notice('Amount put on hold', IN_APP_ONLY, MOVEMENT, (d) => ({
    title: `Amount on hold: ${amount(d)}`,
    body: `${amount(d)} of your account ending ${d.accountEnding} is on hold: it cannot be spent until the hold is captured or released.`,
  })),
  hold_released: notice('Hold released', IN_APP_ONLY, MOVEMENT, (d) => ({
    title: `Hold released: ${amount(d)}`,
    body: `The hold of ${amount(d)} on your account ending ${d.accountEnding} was released: the amount can be spent again.`,
  })),
  account_frozen: notice('Account frozen', ON_BOTH, ACCOUNT, (d) => ({
    title: 'Account frozen',
    body: `Your account ending ${d.accountEnding} is frozen: payments out of it are blocked; incoming payments still arrive. Contact us if you have questions.`,
  })),
  account_unfrozen: notice('Account unfrozen', ON_BOTH, ACCOUNT, (d) => ({
    title: 'Account active again',
    body: `Your account ending ${d.accountEnding} is active again: you can make payments from it.`,
  })),
  payment_limit_changed: notice('Payment limits changed', ON_BOTH, { currency: 'currency', singleMinor: 'minor', dailyMinor: 'minor' }, (d) => ({
    title: `Payment limits changed (${d.currency})`,
    body: `Your payment limits in ${d.currency} are now ${formatAmount(d.singleMinor, d.currency)} per payment and ${formatAmount(d.dailyMinor, d.currency)} per day.`,
  })),
  new_device_sign_in: security('Sign-in from a new device', { ip: 'ip', signedInAt: 'instant' }, (d) => ({
    title: 'New sign-in to your account',
    body: `Your Strongroom account was signed in to from a device we had not seen before (IP address ${d.ip}) on ${formatUtc(d.signedInAt)}. ${CONTACT_US}`,
  })),
  two_factor_changed: security('Two-factor authentication changed', { change: ['enabled', 'disabled', 'reset'], changedAt: 'instant' }, (d) => ({
    title: 'Two-factor authentication changed',
    body: `Two-factor authentication of your Strongroom account was ${d.change === 'enabled' ? 'turned on' : d.change === 'disabled' ? 'turned off' : 'reset'} on ${formatUtc(d.changedAt)}. ${CONTACT_US}`,
  })),
  password_changed: security('Password changed', { changedAt: 'instant' }, (d) => ({
    title: 'Your password was changed',
    body: `The password of your Strongroom account was changed on ${formatUtc(d.changedAt)}. ${CONTACT_US}`,
  })),
} satisfies Record<string, EventDefinition<any>>

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS
export type NotificationData<E extends NotificationEvent> = Parameters<(typeof NOTIFICATION_EVENTS)[E]['text']>[0]

export const NOTIFICATION_EVENT_NAMES = Object.keys(NOTIFICATION_EVENTS) as NotificationEvent[]

export function isNotificationEvent(value: string): value is NotificationEvent {
  return Object.hasOwn(NOTIFICATION_EVENTS, value)
}

export function eventDefinition(event: NotificationEvent): EventDefinition {
  return NOTIFICATION_EVENTS[event] as unknown as EventDefinition
}

function fieldProblem(kind: FieldKind, value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string'
  if (Array.isArray(kind)) return kind.includes(value) ? null : `must be one of ${kind.join(', ')}`
  switch (kind) {
    case 'minor':
      return /^\d{1,19}$/.test(value) ? null : 'must be a non-negative integer of minor units'
    case 'currency':
      return isSupportedCurrency(value) ? null : 'must be a supported ISO 4217 code'
    case 'ending':
      return /^[A-Za-z0-9]{1,8}$/.test(value) ? null : 'must be up to 8 letters or digits'
    case 'instant':
      return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be an ISO 8601 instant'
    case 'ip':
      return /^([0-9A-Fa-f:.]{2,45}|unknown)$/.test(value) ? null : 'must be an IP address or "unknown"'
  }
  return 'has an unknown kind'
}

/** What is wrong with an event's data (missing, extra or malformed fields); empty when it is fine */
export function checkEventData(event: string, data: Record<string, unknown>): string[] {
  if (!isNotificationEvent(event)) return [`unknown notification event "${event}"`]
  const { fields } = eventDefinition(event)
  const problems: string[] = []
  for (const [name, kind] of Object.entries(fields)) {
    if (!(name in data)) problems.push(`${name} is missing`)
    else {
      const problem = fieldProblem(kind, data[name])
      if (problem) problems.push(`${name} ${problem}`)
    }
  }
  for (const name of Object.keys(data)) {
    if (!Object.hasOwn(fields, name)) problems.push(`${name} is not a field of ${event}`)
  }
  return problems
}

/** The title and body of an event (data checked first: throws on bad data) */
export function notificationText(event: string, data: Record<string, unknown>): NotificationText {
  const problems = checkEventData(event, data)
  if (problems.length) throw new InvalidNotificationDataError(event, problems)
  return eventDefinition(event as NotificationEvent).text(data as any)
}

export class InvalidNotificationDataError extends Error {
  code = 'E_INVALID_NOTIFICATION_DATA'
  constructor(
    readonly event: string,
    readonly problems: string[]
  ) {
    super(`Invalid data for notification "${event}": ${problems.join('; ')}`)
  }
}
