/**
 * Events for partners: the event types a partner can subscribe to, which
 * scope each needs, where a callback may point, and the claims of the
 * Security Event Token (RFC 8417) that carries one event. Pure.
 */
export const EVENT_TYPES = [
  'urn:strongroom:events:payment-status-changed',
  'urn:strongroom:events:consent-revoked',
  'urn:strongroom:events:transfer-received',
] as const
export type PartnerEventType = (typeof EVENT_TYPES)[number]

export const PAYMENT_STATUS_CHANGED: PartnerEventType = 'urn:strongroom:events:payment-status-changed'
export const CONSENT_REVOKED: PartnerEventType = 'urn:strongroom:events:consent-revoked'
export const TRANSFER_RECEIVED: PartnerEventType = 'urn:strongroom:events:transfer-received'

/** The version of the event format a subscription asks for (UK OB `Version`); one so far */
export const EVENT_VERSIONS = ['1.0'] as const

/** The partner scope an event type is about: payments for payment events, accounts for account data, either for consents */
const EVENT_SCOPES: Record<PartnerEventType, Array<'accounts' | 'payments'>> = {
  'urn:strongroom:events:payment-status-changed': ['payments'],
  'urn:strongroom:events:consent-revoked': ['accounts', 'payments'],
  'urn:strongroom:events:transfer-received': ['accounts'],
}

/** The event types a token with these scopes may subscribe to */
export function eventTypesFor(scopes: string[]): PartnerEventType[] {
  return EVENT_TYPES.filter((type) => EVENT_SCOPES[type].some((scope) => scopes.includes(scope)))
}

/** Why a token with these scopes may not subscribe to these event types, or null */
export function eventTypesProblem(types: string[], scopes: string[]): string | null {
  const allowed = eventTypesFor(scopes)
  const refused = types.filter((type) => !(allowed as string[]).includes(type))
  if (refused.length === 0) return null
  return `Your token's scopes (${scopes.join(', ') || 'none'}) do not cover ${refused.join(', ')}`
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * Why a callback URL is refused, or null: an absolute https URL (or http
 * to the loopback interface, outside production, for a partner's local
 * development), no user name or password, no fragment, at most 2000
 * characters.
 */
export function callbackUrlProblem(value: string, options: { allowLoopbackHttp: boolean }): string | null {
  if (value.length > 2000) return 'The callback URL must be at most 2000 characters'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'The callback URL must be an absolute URL'
  }
  if (url.username || url.password) return 'The callback URL must not carry a user name or password'
  if (url.hash || value.includes('#')) return 'The callback URL must not have a fragment'
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) {
    return options.allowLoopbackHttp ? null : 'The callback URL must use https'
  }
  return url.protocol === 'http:' ? 'The callback URL must use https (http only to the loopback interface)' : 'The callback URL must use https'
}

/** What an event is about (RFC 9493 opaque subject identifier in the SET; the type for the staff log) */
export interface EventSubject {
  type: 'account-access-consent' | 'domestic-payment-consent' | 'domestic-payment' | 'account'
  id: string
}

/** A consent as the subject of an event */
export function consentSubject(kind: 'account_access' | 'domestic_payment', id: string): EventSubject {
  return { type: kind === 'account_access' ? 'account-access-consent' : 'domestic-payment-consent', id }
}

/** The claims of one SET (RFC 8417 §2.2; the `sub_id` of the Shared Signals framework) */
export interface SecurityEventClaims {
  iss: string
  aud: string
  iat: number
  jti: string
  toe: number
  txn?: string
  sub_id: { format: 'opaque'; id: string }
  events: Record<string, Record<string, unknown>>
}

/** The SET of one event for one partner (its OAuth client id is the audience) */
export function securityEventClaims(input: {
  issuer: string
  clientId: string
  jti: string
  type: PartnerEventType
  subject: EventSubject
  data: Record<string, unknown>
  issuedAt: Date
  occurredAt: Date
  txn?: string
}): SecurityEventClaims {
  return {
    iss: input.issuer,
    aud: input.clientId,
    iat: Math.floor(input.issuedAt.getTime() / 1000),
    jti: input.jti,
    toe: Math.floor(input.occurredAt.getTime() / 1000),
    ...(input.txn ? { txn: input.txn } : {}),
    sub_id: { format: 'opaque', id: input.subject.id },
    events: { [input.type]: { ...input.data } },
  }
}

/** How a push attempt ended, from the receiver's HTTP status (RFC 8935 §2.2-2.4) */
export type DeliveryOutcome = 'delivered' | 'failed' | 'rejected' | 'unavailable'

/**
 * 2xx: delivered (RFC 8935 answers 202). 5xx and 429: the receiver is
 * failing or busy, retry later. Anything else (4xx, a redirect, which is
 * never followed): the receiver refused this SET, retrying will not help.
 */
export function outcomeOf(status: number): Exclude<DeliveryOutcome, 'unavailable'> {
  if (status >= 200 && status < 300) return 'delivered'
  if (status >= 500 || status === 429) return 'failed'
  return 'rejected'
}
