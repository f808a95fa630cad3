import { isSupportedCurrency } from '#domain/money/currencies'
import { formatAmount, formatUtc } from '#domain/notifications/format'

/**
 * The notification catalogue: every event a customer can be told about,
 * its label, whether it is a security notice, its default channels, the
 * fields its data carries and the title and body built from them. Pure.
 *
 * Security notices (`security()`) cannot be turned off on any channel;
 * nor can mandatory service notices (`service()`: a missed loan
 * repayment), which the bank must give whatever the customer chose.
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

/**
 * A data field: integer minor units, ISO 4217 code, account ending, ISO
 * instant, IP address, calendar day, a small count or reference number,
 * a short line of text meant for the customer (a rejection reason), or
 * one of a list
 */
export type FieldKind = 'minor' | 'currency' | 'ending' | 'instant' | 'ip' | 'date' | 'count' | 'note' | readonly string[]

/** The longest `note` field (what NotifyLoanEvent shortens an officer's reason to) */
export const NOTE_MAX_LENGTH = 240
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
  /** Cannot be turned off (every security notice, and the mandatory service notices) */
  mandatory: boolean
  /** Channels on when the customer has not chosen */
  defaults: Record<Channel, boolean>
  fields: F
  text(data: DataOf<F>): NotificationText
}

const ON_BOTH = { in_app: true, mail: true }
const IN_APP_ONLY = { in_app: true, mail: false }

/** An ordinary event: the customer may turn each channel on or off */
const notice = <F extends Fields>(label: string, defaults: Record<Channel, boolean>, fields: F, text: (data: DataOf<F>) => NotificationText): EventDefinition<F> =>
  ({ label, security: false, mandatory: false, defaults, fields, text })

/** A security notice: in-app and mail, always */
const security = <F extends Fields>(label: string, fields: F, text: (data: DataOf<F>) => NotificationText): EventDefinition<F> =>
  ({ label, security: true, mandatory: true, defaults: ON_BOTH, fields, text })

/** A mandatory service notice (not about security): in-app and mail, always */
const service = <F extends Fields>(label: string, fields: F, text: (data: DataOf<F>) => NotificationText): EventDefinition<F> =>
  ({ label, security: false, mandatory: true, defaults: ON_BOTH, fields, text })

const MOVEMENT = { amountMinor: 'minor', currency: 'currency', accountEnding: 'ending' } as const
const ACCOUNT = { accountEnding: 'ending' } as const
const CONTACT_US = 'If this was not you, contact us at once.'
const amount = (d: { amountMinor: string; currency: string }) => formatAmount(d.amountMinor, d.currency)

/**
 * Loans (issue 11), sent through NotifyLoanEvent. Ordinary notices on both
 * channels, except a missed repayment: a mandatory service notice (the
 * borrower must learn of arrears, whatever they chose).
 */
const LOAN = { loanId: 'count', currency: 'currency' } as const
const LOAN_EVENTS = {
  loan_decided: notice('Loan decision', ON_BOTH, { ...LOAN, decision: ['approved', 'rejected'], principalMinor: 'minor', reason: 'note' }, (d) =>
    d.decision === 'approved'
      ? {
          title: `Loan approved: ${formatAmount(d.principalMinor, d.currency)}`,
          body: `Your application for a loan of ${formatAmount(d.principalMinor, d.currency)} (loan ${d.loanId}) was approved. We will pay it into your account shortly and tell you when we have.`,
        }
      : {
          title: 'Loan application declined',
          body: `Your application for a loan of ${formatAmount(d.principalMinor, d.currency)} (loan ${d.loanId}) was declined.${d.reason ? ` Reason: ${d.reason}` : ''}`,
        }
  ),
  loan_disbursed: notice('Loan paid out', ON_BOTH, { ...LOAN, principalMinor: 'minor', amountMinor: 'minor', accountEnding: 'ending' }, (d) => ({
    title: `Loan paid out: ${formatAmount(d.amountMinor, d.currency)}`,
    body:
      d.amountMinor === d.principalMinor
        ? `Your loan ${d.loanId} of ${formatAmount(d.principalMinor, d.currency)} was paid into your account ending ${d.accountEnding}.`
        : `Your loan ${d.loanId} of ${formatAmount(d.principalMinor, d.currency)} was paid out: ${formatAmount(d.amountMinor, d.currency)} was credited to your account ending ${d.accountEnding}, after the arrangement fee.`,
  })),
  loan_repayment_due: notice('Loan repayment reminder', ON_BOTH, { ...LOAN, instalment: 'count', amountMinor: 'minor', dueDate: 'date' }, (d) => ({
    title: `Loan repayment due on ${d.dueDate}: ${formatAmount(d.amountMinor, d.currency)}`,
    body: `Repayment ${d.instalment} of your loan ${d.loanId}, ${formatAmount(d.amountMinor, d.currency)}, is due on ${d.dueDate}. Please make sure the money is in your account by then.`,
  })),
  loan_repayment_missed: service('Missed loan repayment', { ...LOAN, instalment: 'count', amountMinor: 'minor', daysPastDue: 'count', dueDate: 'date' }, (d) => ({
    title: `Missed loan repayment: ${formatAmount(d.amountMinor, d.currency)} overdue`,
    body: `Repayment ${d.instalment} of your loan ${d.loanId}, due on ${d.dueDate}, was not paid: ${formatAmount(d.amountMinor, d.currency)} is overdue (${d.daysPastDue} ${d.daysPastDue === '1' ? 'day' : 'days'} past due). Please pay it as soon as you can to avoid further charges; if you are in financial difficulty, contact us and we will help.`,
  })),
  loan_paid_off: notice('Loan paid off', ON_BOTH, LOAN, (d) => ({
    title: 'Loan paid off',
    body: `Your loan ${d.loanId} is paid off in full: you owe nothing more on it. Thank you.`,
  })),
} satisfies Record<string, EventDefinition<any>>

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
  ...LOAN_EVENTS,
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
    case 'date':
      return /^\d{4}-\d\d-\d\d$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? null : 'must be a calendar day (YYYY-MM-DD)'
    case 'count':
      return /^(0|[1-9]\d{0,14})$/.test(value) ? null : 'must be a non-negative integer'
    case 'note':
      /* one line of plain text: no control characters (a line break could forge a mail's layout) */
      return value.length <= NOTE_MAX_LENGTH && !/[\u0000-\u001f\u007f]/.test(value) ? null : `must be one line of at most ${NOTE_MAX_LENGTH} characters`
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
